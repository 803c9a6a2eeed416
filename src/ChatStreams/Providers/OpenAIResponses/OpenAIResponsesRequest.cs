using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>Writes an OpenAI Responses request body from Microsoft.Extensions.AI messages and options.</summary>
internal static class OpenAIResponsesRequest
{
    /// <summary>Writes the body.</summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="options">The request options.</param>
    /// <param name="settings">The model's settings.</param>
    /// <returns>The UTF-8 JSON.</returns>
    public static byte[] Write(IReadOnlyList<ChatMessage> messages, ChatOptions? options, OpenAIResponsesChatModelOptions settings) => RequestJson.Build(w =>
    {
        var written = new HashSet<string>(StringComparer.Ordinal) { "model", "input", "stream", "store", "include", "instructions" };
        w.WriteStartObject();
        w.WriteString("model", options?.ModelId ?? settings.Model);
        w.WriteBoolean("stream", true);
        w.WriteBoolean("store", settings.Store);
        if (!settings.Store)
        {
            // Without storage, encrypted reasoning is what lets the next turn continue the model's reasoning.
            w.WriteStartArray("include");
            w.WriteStringValue("reasoning.encrypted_content");
            w.WriteEndArray();
        }

        if (options?.Instructions is { Length: > 0 } instructions)
        {
            w.WriteString("instructions", instructions);
        }

        w.WriteStartArray("input");
        foreach (ChatMessage message in messages)
        {
            WriteMessage(w, message);
        }

        w.WriteEndArray();
        WriteOptions(w, options, settings, written);
        RequestJson.WriteAdditional(w, options, written);
        w.WriteEndObject();
    });

    /// <summary>Writes one message as input items, in content order: message items for text and images, reasoning items, function calls and outputs.</summary>
    private static void WriteMessage(Utf8JsonWriter w, ChatMessage message)
    {
        bool assistant = message.Role == ChatRole.Assistant;
        var parts = new List<AIContent>();
        foreach (AIContent content in message.Contents)
        {
            if (content is TextContent or DataContent or UriContent)
            {
                parts.Add(content);
                continue;
            }

            // Items keep the order of the contents: pending text goes out before the next item.
            Flush(w, message.Role, parts);
            switch (content)
            {
                case FunctionCallContent call:
                    w.WriteStartObject();
                    w.WriteString("type", "function_call");
                    w.WriteString("call_id", call.CallId);
                    w.WriteString("name", call.Name);
                    w.WriteString("arguments", RequestJson.ArgumentsText(call));
                    w.WriteEndObject();
                    break;
                case FunctionResultContent result:
                    w.WriteStartObject();
                    w.WriteString("type", "function_call_output");
                    w.WriteString("call_id", result.CallId);
                    w.WriteString("output", RequestJson.ResultText(result));
                    w.WriteEndObject();
                    break;
                case TextReasoningContent { ProtectedData: { Length: > 0 } encrypted } reasoning when assistant:
                    w.WriteStartObject();
                    w.WriteString("type", "reasoning");
                    w.WriteStartArray("summary");
                    if (reasoning.Text.Length > 0)
                    {
                        w.WriteStartObject();
                        w.WriteString("type", "summary_text");
                        w.WriteString("text", reasoning.Text);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteString("encrypted_content", encrypted);
                    w.WriteEndObject();
                    break;
            }
        }

        Flush(w, message.Role, parts);
    }

    /// <summary>Writes the pending text and images as one message item, then forgets them.</summary>
    private static void Flush(Utf8JsonWriter w, ChatRole role, List<AIContent> parts)
    {
        if (parts.Count == 0)
        {
            return;
        }

        bool assistant = role == ChatRole.Assistant;
        w.WriteStartObject();
        w.WriteString("role", role == ChatRole.System ? "system" : assistant ? "assistant" : "user");
        w.WriteStartArray("content");
        foreach (AIContent part in parts)
        {
            if (part is TextContent { Text.Length: > 0 } text)
            {
                w.WriteStartObject();
                w.WriteString("type", assistant ? "output_text" : "input_text");
                w.WriteString("text", text.Text);
                w.WriteEndObject();
            }
            else if (!assistant && RequestJson.ImageUrl(part) is { } url)
            {
                w.WriteStartObject();
                w.WriteString("type", "input_image");
                w.WriteString("image_url", url);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
        parts.Clear();
    }

    /// <summary>Writes sampling, limits, tools, the response format and reasoning.</summary>
    private static void WriteOptions(Utf8JsonWriter w, ChatOptions? options, OpenAIResponsesChatModelOptions settings, HashSet<string> written)
    {
        if (settings.ReasoningSummary is not null || options?.Reasoning?.Effort is not null)
        {
            w.WriteStartObject("reasoning");
            if (options?.Reasoning?.Effort is { } effort)
            {
                w.WriteString("effort", effort.ToString().ToLowerInvariant());
            }

            if (settings.ReasoningSummary is { } s)
            {
                w.WriteString("summary", s);
            }

            w.WriteEndObject();
            written.Add("reasoning");
        }

        if (options is null)
        {
            return;
        }

        RequestJson.WriteNumber(w, "temperature", options.Temperature, written);
        RequestJson.WriteNumber(w, "top_p", options.TopP, written);
        RequestJson.WriteNumber(w, "max_output_tokens", options.MaxOutputTokens, written);

        AIFunctionDeclaration[] functions = [.. RequestJson.Functions(options)];
        if (functions.Length > 0)
        {
            w.WriteStartArray("tools");
            foreach (AIFunctionDeclaration function in functions)
            {
                w.WriteStartObject();
                w.WriteString("type", "function");
                RequestJson.WriteFunction(w, function, "parameters");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            switch (options.ToolMode)
            {
                case NoneChatToolMode:
                    w.WriteString("tool_choice", "none");
                    break;
                case RequiredChatToolMode { RequiredFunctionName: { } name }:
                    w.WriteStartObject("tool_choice");
                    w.WriteString("type", "function");
                    w.WriteString("name", name);
                    w.WriteEndObject();
                    break;
                case RequiredChatToolMode:
                    w.WriteString("tool_choice", "required");
                    break;
                default:
                    w.WriteString("tool_choice", "auto");
                    break;
            }

            written.Add("tools");
            written.Add("tool_choice");
        }

        (bool json, JsonElement? schema, string? schemaName) = RequestJson.JsonFormat(options);
        if (json)
        {
            w.WriteStartObject("text");
            w.WriteStartObject("format");
            if (schema is { } s)
            {
                w.WriteString("type", "json_schema");
                w.WriteString("name", schemaName ?? "response");
                w.WritePropertyName("schema");
                s.WriteTo(w);
            }
            else
            {
                w.WriteString("type", "json_object");
            }

            w.WriteEndObject();
            w.WriteEndObject();
            written.Add("text");
        }
    }
}
