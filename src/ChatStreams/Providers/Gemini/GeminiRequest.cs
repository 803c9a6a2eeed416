using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>Writes a Gemini <c>generateContent</c> request body from Microsoft.Extensions.AI messages and options.</summary>
internal static class GeminiRequest
{
    /// <summary>Writes the body.</summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="options">The request options.</param>
    /// <param name="settings">The model's settings.</param>
    /// <returns>The UTF-8 JSON.</returns>
    public static byte[] Write(IReadOnlyList<ChatMessage> messages, ChatOptions? options, GeminiChatModelOptions settings) => RequestJson.Build(w =>
    {
        var written = new HashSet<string>(StringComparer.Ordinal) { "contents", "systemInstruction", "tools", "toolConfig", "generationConfig" };
        w.WriteStartObject();
        string system = string.Join("\n\n", new[] { options?.Instructions }
            .Concat(messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text))
            .Where(s => !string.IsNullOrEmpty(s)));
        if (system.Length > 0)
        {
            w.WriteStartObject("systemInstruction");
            w.WriteStartArray("parts");
            w.WriteStartObject();
            w.WriteString("text", system);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        Dictionary<string, string> names = RequestJson.FunctionNames(messages);
        w.WriteStartArray("contents");
        foreach (ChatMessage message in messages.Where(m => m.Role != ChatRole.System))
        {
            w.WriteStartObject();
            w.WriteString("role", message.Role == ChatRole.Assistant ? "model" : "user");
            w.WriteStartArray("parts");
            foreach (AIContent content in message.Contents)
            {
                WritePart(w, content, names);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteTools(w, options);
        WriteGenerationConfig(w, options, settings);
        RequestJson.WriteAdditional(w, options, written);
        w.WriteEndObject();
    });

    /// <summary>Writes one part; thought signatures go back with the part that carried them.</summary>
    private static void WritePart(Utf8JsonWriter w, AIContent content, Dictionary<string, string> names)
    {
        switch (content)
        {
            case TextContent { Text.Length: > 0 } text:
                w.WriteStartObject();
                w.WriteString("text", text.Text);
                WriteSignature(w, (text.RawRepresentation as ContentBlock)?.Extras);
                w.WriteEndObject();
                break;
            case FunctionCallContent call:
                w.WriteStartObject();
                w.WriteStartObject("functionCall");
                w.WriteString("name", call.Name);
                w.WritePropertyName("args");
                ToolArguments.ToJson(call.Arguments).WriteTo(w);
                w.WriteEndObject();
                WriteSignature(w, (call.RawRepresentation as ContentBlock)?.Extras);
                w.WriteEndObject();
                break;
            case FunctionResultContent result:
                w.WriteStartObject();
                w.WriteStartObject("functionResponse");
                w.WriteString("name", names.GetValueOrDefault(result.CallId, result.CallId));
                w.WriteStartObject("response");
                w.WriteString(result.Exception is null ? "result" : "error", RequestJson.ResultText(result));
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case DataContent data:
                w.WriteStartObject();
                w.WriteStartObject("inlineData");
                w.WriteString("mimeType", data.MediaType);
                w.WriteString("data", data.Base64Data.Span);
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case UriContent uri:
                w.WriteStartObject();
                w.WriteStartObject("fileData");
                w.WriteString("mimeType", uri.MediaType);
                w.WriteString("fileUri", uri.Uri.ToString());
                w.WriteEndObject();
                w.WriteEndObject();
                break;
        }
    }

    /// <summary>Writes a part's thought signature, if its block kept one.</summary>
    private static void WriteSignature(Utf8JsonWriter w, IReadOnlyDictionary<string, JsonElement>? extras)
    {
        if (JsonValues.StringOf(extras, "signature") is { } signature)
        {
            w.WriteString("thoughtSignature", signature);
        }
    }

    /// <summary>Writes the function declarations and the calling mode.</summary>
    private static void WriteTools(Utf8JsonWriter w, ChatOptions? options)
    {
        AIFunctionDeclaration[] functions = [.. RequestJson.Functions(options)];
        if (functions.Length == 0)
        {
            return;
        }

        w.WriteStartArray("tools");
        w.WriteStartObject();
        w.WriteStartArray("functionDeclarations");
        foreach (AIFunctionDeclaration function in functions)
        {
            w.WriteStartObject();
            // The full JSON Schema form: "parameters" only takes an OpenAPI subset.
            RequestJson.WriteFunction(w, function, "parametersJsonSchema");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("toolConfig");
        w.WriteStartObject("functionCallingConfig");
        switch (options!.ToolMode)
        {
            case NoneChatToolMode:
                w.WriteString("mode", "NONE");
                break;
            case RequiredChatToolMode required:
                w.WriteString("mode", "ANY");
                if (required.RequiredFunctionName is { } name)
                {
                    w.WriteStartArray("allowedFunctionNames");
                    w.WriteStringValue(name);
                    w.WriteEndArray();
                }

                break;
            default:
                w.WriteString("mode", "AUTO");
                break;
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Writes sampling, limits, the response format and thinking.</summary>
    private static void WriteGenerationConfig(Utf8JsonWriter w, ChatOptions? options, GeminiChatModelOptions settings)
    {
        w.WriteStartObject("generationConfig");
        RequestJson.WriteNumber(w, "temperature", options?.Temperature);
        RequestJson.WriteNumber(w, "topP", options?.TopP);
        RequestJson.WriteNumber(w, "topK", options?.TopK);
        RequestJson.WriteNumber(w, "maxOutputTokens", options?.MaxOutputTokens);
        RequestJson.WriteNumber(w, "seed", options?.Seed);
        if (options?.StopSequences is { Count: > 0 } stops)
        {
            RequestJson.WriteStrings(w, "stopSequences", stops);
        }

        (bool json, JsonElement? schema, _) = RequestJson.JsonFormat(options);
        if (json)
        {
            w.WriteString("responseMimeType", "application/json");
            if (schema is { } s)
            {
                w.WritePropertyName("responseJsonSchema");
                s.WriteTo(w);
            }
        }

        if (settings.IncludeThoughts)
        {
            w.WriteStartObject("thinkingConfig");
            w.WriteBoolean("includeThoughts", true);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
