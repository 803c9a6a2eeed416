using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>Helpers the request writers share: JSON bodies, tool results, media and pass-through options.</summary>
internal static class RequestJson
{
    /// <summary>Writes a JSON body with <paramref name="write"/>.</summary>
    /// <param name="write">Writes the body's object.</param>
    /// <returns>The UTF-8 bytes.</returns>
    public static byte[] Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Renders a tool's result as text, the form providers take: strings as is, anything else as JSON.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The text.</returns>
    public static string ResultText(FunctionResultContent result) => result.Result switch
    {
        null => result.Exception is { } error ? $"Error: {error.Message}" : string.Empty,
        string text => text,
        JsonElement json => json.ValueKind == JsonValueKind.String ? json.GetString()! : JsonValues.Compact(json),
        object value => JsonSerializer.Serialize(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(object))),
    };

    /// <summary>Serializes a call's arguments to JSON text.</summary>
    /// <param name="call">The call.</param>
    /// <returns>The JSON object text.</returns>
    public static string ArgumentsText(FunctionCallContent call) => JsonValues.Compact(ToolArguments.ToJson(call.Arguments));

    /// <summary>Gets the URL of an image: its address, or a data URI for inline bytes.</summary>
    /// <param name="content">The content.</param>
    /// <returns>The URL, or <see langword="null"/> when the content is not an image.</returns>
    public static string? ImageUrl(AIContent content) => content switch
    {
        UriContent uri when uri.HasTopLevelMediaType("image") => uri.Uri.ToString(),
        DataContent data when data.HasTopLevelMediaType("image") => data.Uri,
        _ => null,
    };

    /// <summary>Writes every entry of <see cref="ChatOptions.AdditionalProperties"/> at the top of the body, for provider extras.</summary>
    /// <param name="writer">The body.</param>
    /// <param name="options">The options.</param>
    /// <param name="written">The keys already written, which extras must not repeat.</param>
    public static void WriteAdditional(Utf8JsonWriter writer, ChatOptions? options, ISet<string> written)
    {
        if (options?.AdditionalProperties is not { Count: > 0 } extras)
        {
            return;
        }

        foreach ((string key, object? value) in extras)
        {
            if (written.Contains(key))
            {
                continue;
            }

            writer.WritePropertyName(key);
            JsonSerializer.Serialize(writer, value, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(object)));
        }
    }

    /// <summary>Writes a function's name, description (when it has one) and JSON schema as properties of the current object.</summary>
    /// <param name="writer">The body.</param>
    /// <param name="function">The function.</param>
    /// <param name="schemaProperty">The key the provider takes the schema under.</param>
    public static void WriteFunction(Utf8JsonWriter writer, AIFunctionDeclaration function, string schemaProperty)
    {
        writer.WriteString("name", function.Name);
        if (!string.IsNullOrEmpty(function.Description))
        {
            writer.WriteString("description", function.Description);
        }

        writer.WritePropertyName(schemaProperty);
        function.JsonSchema.WriteTo(writer);
    }

    /// <summary>Writes a number property when it has a value, and notes it as written.</summary>
    /// <param name="writer">The body.</param>
    /// <param name="name">The key.</param>
    /// <param name="value">The value; a <see cref="float"/> is written as a float, so 0.7 stays 0.7.</param>
    /// <param name="written">The keys written so far, which extras must not repeat, or <see langword="null"/>.</param>
    public static void WriteNumber(Utf8JsonWriter writer, string name, float? value, ISet<string>? written = null)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
            written?.Add(name);
        }
    }

    /// <summary>Writes an integer property when it has a value, and notes it as written.</summary>
    /// <param name="writer">The body.</param>
    /// <param name="name">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="written">The keys written so far, or <see langword="null"/>.</param>
    public static void WriteNumber(Utf8JsonWriter writer, string name, long? value, ISet<string>? written = null)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
            written?.Add(name);
        }
    }

    /// <summary>Writes a string array property.</summary>
    /// <param name="writer">The body.</param>
    /// <param name="name">The key.</param>
    /// <param name="values">The strings.</param>
    public static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>Gets the declared functions among the tools.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The declarations.</returns>
    public static IEnumerable<AIFunctionDeclaration> Functions(ChatOptions? options)
    {
        if (options?.Tools is { } tools)
        {
            foreach (AITool tool in tools)
            {
                if (tool is AIFunctionDeclaration function)
                {
                    yield return function;
                }
            }
        }
    }

    /// <summary>Maps call ids to function names: some providers name the function a result answers, while results only carry the call id.</summary>
    /// <param name="messages">The conversation.</param>
    /// <returns>The names by call id.</returns>
    public static Dictionary<string, string> FunctionNames(IEnumerable<ChatMessage> messages)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ChatMessage message in messages)
        {
            foreach (AIContent content in message.Contents)
            {
                if (content is FunctionCallContent call)
                {
                    names.TryAdd(call.CallId, call.Name);
                }
            }
        }

        return names;
    }

    /// <summary>Gets the JSON schema of the requested JSON output, if any.</summary>
    /// <param name="options">The options.</param>
    /// <returns>Whether JSON was requested, and its schema.</returns>
    public static (bool Json, JsonElement? Schema, string? Name) JsonFormat(ChatOptions? options) => options?.ResponseFormat switch
    {
        ChatResponseFormatJson json => (true, json.Schema, json.SchemaName),
        _ => (false, null, null),
    };
}
