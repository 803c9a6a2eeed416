using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>Writes an Ollama <c>/api/chat</c> request body from Microsoft.Extensions.AI messages and options.</summary>
internal static class OllamaRequest
{
    /// <summary>Writes the body.</summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="options">The request options.</param>
    /// <param name="settings">The model's settings.</param>
    /// <returns>The UTF-8 JSON.</returns>
    public static byte[] Write(IReadOnlyList<ChatMessage> messages, ChatOptions? options, OllamaChatModelOptions settings) => RequestJson.Build(w =>
    {
        var written = new HashSet<string>(StringComparer.Ordinal) { "model", "messages", "stream", "tools", "options", "format", "think", "keep_alive" };
        w.WriteStartObject();
        w.WriteString("model", options?.ModelId ?? settings.Model);
        w.WriteBoolean("stream", true);
        if (settings.Think is { } think)
        {
            w.WriteBoolean("think", think);
        }

        if (settings.KeepAlive is { } keepAlive)
        {
            w.WriteString("keep_alive", keepAlive);
        }

        Dictionary<string, string> names = RequestJson.FunctionNames(messages);
        w.WriteStartArray("messages");
        if (options?.Instructions is { Length: > 0 } instructions)
        {
            w.WriteStartObject();
            w.WriteString("role", "system");
            w.WriteString("content", instructions);
            w.WriteEndObject();
        }

        foreach (ChatMessage message in messages)
        {
            WriteMessage(w, message, names);
        }

        w.WriteEndArray();
        WriteTools(w, options);
        WriteOptions(w, options);
        RequestJson.WriteAdditional(w, options, written);
        w.WriteEndObject();
    });

    /// <summary>Writes one message; each tool result is its own <c>tool</c> message.</summary>
    private static void WriteMessage(Utf8JsonWriter w, ChatMessage message, Dictionary<string, string> names)
    {
        FunctionResultContent[] results = [.. message.Contents.OfType<FunctionResultContent>()];
        foreach (FunctionResultContent result in results)
        {
            w.WriteStartObject();
            w.WriteString("role", "tool");
            if (names.TryGetValue(result.CallId, out string? name))
            {
                w.WriteString("tool_name", name);
            }

            w.WriteString("content", RequestJson.ResultText(result));
            w.WriteEndObject();
        }

        if (results.Length > 0 && message.Contents.All(c => c is FunctionResultContent))
        {
            return;
        }

        w.WriteStartObject();
        w.WriteString("role", message.Role.Value);
        w.WriteString("content", string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text)));
        if (message.Contents.OfType<TextReasoningContent>().Select(r => r.Text).Where(t => t.Length > 0).ToArray() is { Length: > 0 } thinking)
        {
            w.WriteString("thinking", string.Concat(thinking));
        }

        DataContent[] images = [.. message.Contents.OfType<DataContent>().Where(d => d.HasTopLevelMediaType("image"))];
        if (images.Length > 0)
        {
            w.WriteStartArray("images");
            foreach (DataContent image in images)
            {
                w.WriteStringValue(image.Base64Data.Span);
            }

            w.WriteEndArray();
        }

        FunctionCallContent[] calls = [.. message.Contents.OfType<FunctionCallContent>()];
        if (calls.Length > 0)
        {
            w.WriteStartArray("tool_calls");
            foreach (FunctionCallContent call in calls)
            {
                w.WriteStartObject();
                w.WriteStartObject("function");
                w.WriteString("name", call.Name);
                w.WritePropertyName("arguments");
                ToolArguments.ToJson(call.Arguments).WriteTo(w);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    /// <summary>Writes the tools.</summary>
    private static void WriteTools(Utf8JsonWriter w, ChatOptions? options)
    {
        AIFunctionDeclaration[] functions = [.. RequestJson.Functions(options)];
        if (functions.Length == 0 || options?.ToolMode is NoneChatToolMode)
        {
            return;
        }

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
    }

    /// <summary>Writes sampling and limits under <c>options</c>, and the response format.</summary>
    private static void WriteOptions(Utf8JsonWriter w, ChatOptions? options)
    {
        (bool json, JsonElement? schema, _) = RequestJson.JsonFormat(options);
        if (json)
        {
            w.WritePropertyName("format");
            if (schema is { } s)
            {
                s.WriteTo(w);
            }
            else
            {
                w.WriteStringValue("json");
            }
        }

        if (options is null || (options.Temperature, options.TopP, options.TopK, options.MaxOutputTokens, options.Seed, options.StopSequences) is (null, null, null, null, null, null))
        {
            return;
        }

        w.WriteStartObject("options");
        RequestJson.WriteNumber(w, "temperature", options.Temperature);
        RequestJson.WriteNumber(w, "top_p", options.TopP);
        RequestJson.WriteNumber(w, "top_k", options.TopK);
        RequestJson.WriteNumber(w, "num_predict", options.MaxOutputTokens);
        RequestJson.WriteNumber(w, "seed", options.Seed);
        if (options.StopSequences is { Count: > 0 } stops)
        {
            RequestJson.WriteStrings(w, "stop", stops);
        }

        w.WriteEndObject();
    }
}
