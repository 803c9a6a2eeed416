using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>Writes an Anthropic Messages request body from Microsoft.Extensions.AI messages and options.</summary>
internal static class AnthropicRequest
{
    /// <summary>Writes the body.</summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="options">The request options.</param>
    /// <param name="settings">The model's settings.</param>
    /// <returns>The UTF-8 JSON.</returns>
    public static byte[] Write(IReadOnlyList<ChatMessage> messages, ChatOptions? options, AnthropicChatModelOptions settings) => RequestJson.Build(w =>
    {
        var written = new HashSet<string>(StringComparer.Ordinal) { "model", "max_tokens", "stream", "system", "messages" };
        w.WriteStartObject();
        w.WriteString("model", options?.ModelId ?? settings.Model);
        w.WriteNumber("max_tokens", options?.MaxOutputTokens ?? settings.MaxTokens);
        w.WriteBoolean("stream", true);

        // Anthropic takes system prompts apart from the turns.
        string system = string.Join("\n\n", new[] { options?.Instructions }
            .Concat(messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text))
            .Where(s => !string.IsNullOrEmpty(s)));
        if (system.Length > 0)
        {
            w.WriteString("system", system);
        }

        w.WriteStartArray("messages");
        foreach ((string role, List<AIContent> contents) in Turns(messages))
        {
            w.WriteStartObject();
            w.WriteString("role", role);
            w.WriteStartArray("content");
            foreach (AIContent content in contents)
            {
                WriteContent(w, content);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteOptions(w, options, written);
        RequestJson.WriteAdditional(w, options, written);
        w.WriteEndObject();
    });

    /// <summary>Groups the conversation into alternating user and assistant turns; tool results travel as user content.</summary>
    private static List<(string Role, List<AIContent> Contents)> Turns(IReadOnlyList<ChatMessage> messages)
    {
        var turns = new List<(string, List<AIContent>)>();
        foreach (ChatMessage message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                continue;
            }

            string role = message.Role == ChatRole.Assistant ? "assistant" : "user";
            if (turns.Count > 0 && turns[^1].Item1 == role)
            {
                turns[^1].Item2.AddRange(message.Contents);
            }
            else
            {
                turns.Add((role, [.. message.Contents]));
            }
        }

        return turns;
    }

    /// <summary>Writes one content block.</summary>
    private static void WriteContent(Utf8JsonWriter w, AIContent content)
    {
        switch (content)
        {
            case TextContent { Text.Length: > 0 } text:
                w.WriteStartObject();
                w.WriteString("type", "text");
                w.WriteString("text", text.Text);
                w.WriteEndObject();
                break;
            case TextReasoningContent reasoning:
                WriteReasoning(w, reasoning);
                break;
            case FunctionCallContent call:
                w.WriteStartObject();
                w.WriteString("type", "tool_use");
                w.WriteString("id", call.CallId);
                w.WriteString("name", call.Name);
                w.WritePropertyName("input");
                ToolArguments.ToJson(call.Arguments).WriteTo(w);
                w.WriteEndObject();
                break;
            case FunctionResultContent result:
                w.WriteStartObject();
                w.WriteString("type", "tool_result");
                w.WriteString("tool_use_id", result.CallId);
                w.WriteString("content", RequestJson.ResultText(result));
                if (result.Exception is not null)
                {
                    w.WriteBoolean("is_error", true);
                }

                w.WriteEndObject();
                break;
            case DataContent data when data.HasTopLevelMediaType("image") || data.MediaType == "application/pdf":
                w.WriteStartObject();
                w.WriteString("type", data.HasTopLevelMediaType("image") ? "image" : "document");
                w.WriteStartObject("source");
                w.WriteString("type", "base64");
                w.WriteString("media_type", data.MediaType);
                w.WriteString("data", data.Base64Data.Span);
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case UriContent uri when uri.HasTopLevelMediaType("image"):
                w.WriteStartObject();
                w.WriteString("type", "image");
                w.WriteStartObject("source");
                w.WriteString("type", "url");
                w.WriteString("url", uri.Uri.ToString());
                w.WriteEndObject();
                w.WriteEndObject();
                break;
        }
    }

    /// <summary>Writes reasoning back with its signature, so multi-turn tool loops with thinking keep working; redacted thinking goes back opaque.</summary>
    private static void WriteReasoning(Utf8JsonWriter w, TextReasoningContent reasoning)
    {
        if (reasoning.RawRepresentation is ReasoningBlock { Reasoning: null } block && JsonValues.StringOf(block.Extras, "data") is { } data)
        {
            w.WriteStartObject();
            w.WriteString("type", "redacted_thinking");
            w.WriteString("data", data);
            w.WriteEndObject();
            return;
        }

        if (reasoning.ProtectedData is not { Length: > 0 } signature)
        {
            // Thinking without its signature is rejected by the API; it is only context for the caller.
            return;
        }

        w.WriteStartObject();
        w.WriteString("type", "thinking");
        w.WriteString("thinking", reasoning.Text);
        w.WriteString("signature", signature);
        w.WriteEndObject();
    }

    /// <summary>Writes sampling, stop sequences, tools and tool choice.</summary>
    private static void WriteOptions(Utf8JsonWriter w, ChatOptions? options, HashSet<string> written)
    {
        if (options is null)
        {
            return;
        }

        RequestJson.WriteNumber(w, "temperature", options.Temperature, written);
        RequestJson.WriteNumber(w, "top_p", options.TopP, written);
        RequestJson.WriteNumber(w, "top_k", options.TopK, written);
        if (options.StopSequences is { Count: > 0 } stops)
        {
            RequestJson.WriteStrings(w, "stop_sequences", stops);
            written.Add("stop_sequences");
        }

        AIFunctionDeclaration[] functions = [.. RequestJson.Functions(options)];
        if (functions.Length == 0)
        {
            return;
        }

        w.WriteStartArray("tools");
        foreach (AIFunctionDeclaration function in functions)
        {
            w.WriteStartObject();
            RequestJson.WriteFunction(w, function, "input_schema");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("tool_choice");
        switch (options.ToolMode)
        {
            case NoneChatToolMode:
                w.WriteString("type", "none");
                break;
            case RequiredChatToolMode { RequiredFunctionName: { } name }:
                w.WriteString("type", "tool");
                w.WriteString("name", name);
                break;
            case RequiredChatToolMode:
                w.WriteString("type", "any");
                break;
            default:
                w.WriteString("type", "auto");
                break;
        }

        if (options.AllowMultipleToolCalls is false)
        {
            w.WriteBoolean("disable_parallel_tool_use", true);
        }

        w.WriteEndObject();
        written.Add("tools");
        written.Add("tool_choice");
    }
}
