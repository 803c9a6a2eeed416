using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>Writes a Chat Completions request body from Microsoft.Extensions.AI messages and options.</summary>
internal static class OpenAIChatRequest
{
    /// <summary>Writes the body.</summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="options">The request options.</param>
    /// <param name="settings">The model's settings.</param>
    /// <param name="baseUri">The endpoint: api.openai.com takes <c>max_completion_tokens</c>, compatible servers <c>max_tokens</c>.</param>
    /// <returns>The UTF-8 JSON.</returns>
    public static byte[] Write(IReadOnlyList<ChatMessage> messages, ChatOptions? options, OpenAIChatModelOptions settings, Uri baseUri) => RequestJson.Build(w =>
    {
        var written = new HashSet<string>(StringComparer.Ordinal) { "model", "messages", "stream", "stream_options" };
        w.WriteStartObject();
        w.WriteString("model", options?.ModelId ?? settings.Model);
        w.WriteStartArray("messages");
        if (options?.Instructions is { Length: > 0 } instructions)
        {
            WriteText(w, "system", instructions);
        }

        foreach (ChatMessage message in messages)
        {
            WriteMessage(w, message);
        }

        w.WriteEndArray();
        w.WriteBoolean("stream", true);
        if (settings.IncludeUsage)
        {
            w.WriteStartObject("stream_options");
            w.WriteBoolean("include_usage", true);
            w.WriteEndObject();
        }

        WriteOptions(w, options, baseUri.Host.EndsWith("openai.com", StringComparison.OrdinalIgnoreCase), written);
        RequestJson.WriteAdditional(w, options, written);
        w.WriteEndObject();
    });

    /// <summary>Writes one message; a message holding several tool results becomes one <c>tool</c> message per result.</summary>
    private static void WriteMessage(Utf8JsonWriter w, ChatMessage message)
    {
        string role = message.Role.Value;
        if (message.Role == ChatRole.Tool || message.Contents.OfType<FunctionResultContent>().Any())
        {
            foreach (FunctionResultContent result in message.Contents.OfType<FunctionResultContent>())
            {
                w.WriteStartObject();
                w.WriteString("role", "tool");
                w.WriteString("tool_call_id", result.CallId);
                w.WriteString("content", RequestJson.ResultText(result));
                w.WriteEndObject();
            }

            return;
        }

        if (message.Role == ChatRole.Assistant)
        {
            WriteAssistant(w, message);
            return;
        }

        bool hasImages = message.Contents.Any(c => RequestJson.ImageUrl(c) is not null);
        if (!hasImages)
        {
            WriteText(w, role, message.Text);
            return;
        }

        w.WriteStartObject();
        w.WriteString("role", role);
        w.WriteStartArray("content");
        foreach (AIContent content in message.Contents)
        {
            if (content is TextContent { Text.Length: > 0 } text)
            {
                w.WriteStartObject();
                w.WriteString("type", "text");
                w.WriteString("text", text.Text);
                w.WriteEndObject();
            }
            else if (RequestJson.ImageUrl(content) is { } url)
            {
                w.WriteStartObject();
                w.WriteString("type", "image_url");
                w.WriteStartObject("image_url");
                w.WriteString("url", url);
                w.WriteEndObject();
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Writes an assistant turn: its text and its tool calls (reasoning is not sent back in this API).</summary>
    private static void WriteAssistant(Utf8JsonWriter w, ChatMessage message)
    {
        w.WriteStartObject();
        w.WriteString("role", "assistant");
        string text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
        FunctionCallContent[] calls = [.. message.Contents.OfType<FunctionCallContent>()];
        if (text.Length > 0 || calls.Length == 0)
        {
            w.WriteString("content", text);
        }
        else
        {
            w.WriteNull("content");
        }

        if (message.Contents.OfType<AIContent>().FirstOrDefault(c => c.RawRepresentation is NonStandardBlock) is { RawRepresentation: NonStandardBlock refusal }
            && refusal.Value.Str("refusal") is { } refusalText)
        {
            w.WriteString("refusal", refusalText);
        }

        if (calls.Length > 0)
        {
            w.WriteStartArray("tool_calls");
            foreach (FunctionCallContent call in calls)
            {
                w.WriteStartObject();
                w.WriteString("id", call.CallId);
                w.WriteString("type", "function");
                w.WriteStartObject("function");
                w.WriteString("name", call.Name);
                w.WriteString("arguments", RequestJson.ArgumentsText(call));
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    /// <summary>Writes a plain text message.</summary>
    private static void WriteText(Utf8JsonWriter w, string role, string text)
    {
        w.WriteStartObject();
        w.WriteString("role", role);
        w.WriteString("content", text);
        w.WriteEndObject();
    }

    /// <summary>Writes sampling, limits, tools and the response format.</summary>
    private static void WriteOptions(Utf8JsonWriter w, ChatOptions? options, bool isOpenAI, HashSet<string> written)
    {
        if (options is null)
        {
            return;
        }

        RequestJson.WriteNumber(w, "temperature", options.Temperature, written);
        RequestJson.WriteNumber(w, "top_p", options.TopP, written);
        RequestJson.WriteNumber(w, "frequency_penalty", options.FrequencyPenalty, written);
        RequestJson.WriteNumber(w, "presence_penalty", options.PresencePenalty, written);
        RequestJson.WriteNumber(w, "seed", options.Seed, written);
        RequestJson.WriteNumber(w, isOpenAI ? "max_completion_tokens" : "max_tokens", options.MaxOutputTokens, written);
        if (options.StopSequences is { Count: > 0 } stops)
        {
            RequestJson.WriteStrings(w, "stop", stops);
            written.Add("stop");
        }

        AIFunctionDeclaration[] functions = [.. RequestJson.Functions(options)];
        if (functions.Length > 0)
        {
            w.WriteStartArray("tools");
            foreach (AIFunctionDeclaration function in functions)
            {
                w.WriteStartObject();
                w.WriteString("type", "function");
                w.WriteStartObject("function");
                RequestJson.WriteFunction(w, function, "parameters");
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            written.Add("tools");
            WriteToolChoice(w, options.ToolMode);
            written.Add("tool_choice");
            if (options.AllowMultipleToolCalls is { } parallel)
            {
                w.WriteBoolean("parallel_tool_calls", parallel);
                written.Add("parallel_tool_calls");
            }
        }

        (bool json, JsonElement? schema, string? name) = RequestJson.JsonFormat(options);
        if (json)
        {
            w.WriteStartObject("response_format");
            if (schema is { } s)
            {
                w.WriteString("type", "json_schema");
                w.WriteStartObject("json_schema");
                w.WriteString("name", name ?? "response");
                w.WritePropertyName("schema");
                s.WriteTo(w);
                w.WriteEndObject();
            }
            else
            {
                w.WriteString("type", "json_object");
            }

            w.WriteEndObject();
            written.Add("response_format");
        }
    }

    /// <summary>Writes <c>tool_choice</c>: auto, none, required, or one named function.</summary>
    private static void WriteToolChoice(Utf8JsonWriter w, ChatToolMode? mode)
    {
        switch (mode)
        {
            case NoneChatToolMode:
                w.WriteString("tool_choice", "none");
                break;
            case RequiredChatToolMode { RequiredFunctionName: { } name }:
                w.WriteStartObject("tool_choice");
                w.WriteString("type", "function");
                w.WriteStartObject("function");
                w.WriteString("name", name);
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case RequiredChatToolMode:
                w.WriteString("tool_choice", "required");
                break;
            default:
                w.WriteString("tool_choice", "auto");
                break;
        }
    }
}
