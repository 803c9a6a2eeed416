using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace ChatStreams;

/// <summary>Writes and reads an <see cref="AIMessage"/> in LangChain's message shape.</summary>
internal static class MessageJson
{
    /// <summary>Writes <paramref name="message"/>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="message">The message.</param>
    public static void Write(Utf8JsonWriter writer, AIMessage message)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "ai");
        ProtocolWriter.WriteNullable(writer, "id", message.Id);
        writer.WriteStartArray("content");
        foreach (ContentBlock block in message.Content)
        {
            ProtocolWriter.WriteBlock(writer, block);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("tool_calls");
        foreach (ToolCallBlock call in message.ToolCalls)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "tool_call");
            ProtocolWriter.WriteCall(writer, call.Id, call.Name, call.Args);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("invalid_tool_calls");
        foreach (InvalidToolCallBlock invalid in message.InvalidToolCalls)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "invalid_tool_call");
            ProtocolWriter.WriteInvalidCall(writer, invalid);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (message.UsageMetadata is { } usage)
        {
            writer.WritePropertyName("usage_metadata");
            ProtocolWriter.WriteUsage(writer, usage);
        }

        writer.WritePropertyName("response_metadata");
        ProtocolWriter.WriteMap(writer, message.ResponseMetadata);
        writer.WriteEndObject();
    }

    /// <summary>Reads a message; <c>content</c> may be a list of blocks or a plain string.</summary>
    /// <param name="element">The object.</param>
    /// <returns>The message.</returns>
    public static AIMessage Read(JsonElement element)
    {
        var bag = new PropertyBag(element, "an AI message");
        if (bag.String("type") is { } type && type != "ai" && type != "AIMessage" && type != "AIMessageChunk")
        {
            throw new JsonException($"Expected an AI message (\"type\":\"ai\"), but found type '{type}'.");
        }

        IReadOnlyDictionary<string, JsonElement> metadata = bag.Map("response_metadata") ?? AIMessage.EmptyMetadata;
        return new AIMessage
        {
            Id = bag.String("id"),
            Content = ReadContent(bag),
            ToolCalls = ReadList(bag, "tool_calls", static e => (ToolCallBlock)WithType(e, "tool_call")),
            InvalidToolCalls = ReadList(bag, "invalid_tool_calls", static e => (InvalidToolCallBlock)WithType(e, "invalid_tool_call")),
            UsageMetadata = bag.Object("usage_metadata") is { } usage ? ProtocolReader.ReadUsage(usage) : null,
            ResponseMetadata = metadata,
            FinishReason = FinishReasonOf(metadata),
        };
    }

    /// <summary>Reads <c>content</c>: a list of blocks, or a string that becomes one text block.</summary>
    private static IReadOnlyList<ContentBlock> ReadContent(PropertyBag bag)
    {
        JsonElement? content = bag.Value("content");
        if (content is not { } value)
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } text ? [new TextBlock(text)] : [],
            JsonValueKind.Array => [.. value.EnumerateArray().Select(static e => ProtocolReader.ReadBlock(e))],
            _ => throw bag.WrongKind("content", "an array of blocks or a string", value),
        };
    }

    /// <summary>Reads a list of tool-call objects.</summary>
    private static T[] ReadList<T>(PropertyBag bag, string name, Func<JsonElement, T> read) =>
        bag.List(name) is { } items ? [.. items.Select(read)] : [];

    /// <summary>Reads a tool-call object whose <c>type</c> key is optional, as LangChain allows.</summary>
    private static ContentBlock WithType(JsonElement element, string type)
    {
        ContentBlock block = ProtocolReader.ReadBlock(element, type);
        return block.Type == type ? block : throw new JsonException($"Expected a '{type}' entry, but found type '{block.Type}'.");
    }

    /// <summary>DESIGN 3.5 Values: the finish reason reads back from <c>finish_reason</c>, else <c>stop_reason</c>.</summary>
    /// <param name="metadata">The response metadata.</param>
    /// <returns>The finish reason, if any.</returns>
    public static string? FinishReasonOf(IReadOnlyDictionary<string, JsonElement>? metadata)
    {
        if (metadata is null)
        {
            return null;
        }

        foreach (string key in (ReadOnlySpan<string>)["finish_reason", "stop_reason"])
        {
            if (metadata.TryGetValue(key, out JsonElement value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }

        return null;
    }
}
