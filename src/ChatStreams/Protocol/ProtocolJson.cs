using System;
using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ChatStreams;

/// <summary>
/// Converts protocol events, content blocks and messages to and from their JSON wire form: the LangChain
/// protocol's snake_case shape on output; that shape, the JS camelCase shape and the legacy forms on input.
/// </summary>
/// <remarks>
/// Unknown keys survive a round trip at the level where they were; unknown <c>event</c> or block <c>type</c>
/// values become <see cref="UnknownEvent"/> / <see cref="UnknownBlock"/> and are written back verbatim.
/// All members are thread-safe.
/// </remarks>
public static class ProtocolJson
{
    /// <summary>A writer buffer per thread, so serializing an event allocates only the resulting string.</summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>Serializes an event to one line of JSON.</summary>
    /// <param name="streamEvent">The event.</param>
    /// <returns>The JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="streamEvent"/> is <see langword="null"/>.</exception>
    public static string Serialize(StreamEvent streamEvent)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        return Write(streamEvent, static (writer, value) => ProtocolWriter.WriteEvent(writer, value));
    }

    /// <summary>Serializes a content block.</summary>
    /// <param name="block">The block.</param>
    /// <returns>The JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="block"/> is <see langword="null"/>.</exception>
    public static string Serialize(ContentBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return Write(block, static (writer, value) => ProtocolWriter.WriteBlock(writer, value));
    }

    /// <summary>Serializes a message in LangChain's <c>AIMessage</c> shape; <c>content</c> is always written.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    public static string Serialize(AIMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Write(message, static (writer, value) => MessageJson.Write(writer, value));
    }

    /// <summary>Writes an event to <paramref name="writer"/>, for callers that frame JSON themselves (SSE, NDJSON).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="streamEvent">The event.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static void Write(Utf8JsonWriter writer, StreamEvent streamEvent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(streamEvent);
        ProtocolWriter.WriteEvent(writer, streamEvent);
    }

    /// <summary>Deserializes one event.</summary>
    /// <param name="json">The JSON object.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The JSON is invalid, not an object, lacks the <c>event</c> discriminator, or a field has the wrong kind; the message names the problem.</exception>
    public static StreamEvent Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ProtocolReader.ReadEvent(Parse(json, "protocol event"));
    }

    /// <summary>Deserializes one event from UTF-8 bytes.</summary>
    /// <param name="utf8Json">The JSON object.</param>
    /// <returns>The event.</returns>
    /// <exception cref="JsonException">The JSON is invalid, not an object, lacks the <c>event</c> discriminator, or a field has the wrong kind.</exception>
    public static StreamEvent Deserialize(ReadOnlySpan<byte> utf8Json) => ProtocolReader.ReadEvent(Parse(utf8Json, "protocol event"));

    /// <summary>Deserializes one content block.</summary>
    /// <param name="json">The JSON object.</param>
    /// <returns>The block.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The JSON is invalid, not an object, lacks the <c>type</c> discriminator, or a field has the wrong kind.</exception>
    public static ContentBlock DeserializeBlock(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ProtocolReader.ReadBlock(Parse(json, "content block"));
    }

    /// <summary>Deserializes a message written by <see cref="Serialize(AIMessage)"/> or by LangChain.</summary>
    /// <param name="json">The JSON object.</param>
    /// <returns>The message; <see cref="AIMessage.FinishReason"/> is read back from <c>response_metadata</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The JSON is invalid, not an AI message object, or a field has the wrong kind.</exception>
    public static AIMessage DeserializeMessage(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return MessageJson.Read(Parse(json, "AI message"));
    }

    /// <summary>Parses text into an element that owns its memory, so records may keep parts of it.</summary>
    private static JsonElement Parse(string json, string what)
    {
        try
        {
            return JsonElement.Parse(json);
        }
        catch (JsonException ex)
        {
            throw Invalid(ex, what);
        }
    }

    /// <summary>Parses UTF-8 into an element that owns its memory.</summary>
    private static JsonElement Parse(ReadOnlySpan<byte> utf8Json, string what)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            return JsonElement.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw Invalid(ex, what);
        }
    }

    /// <summary>Wraps a parser error so the message says what was being read.</summary>
    private static JsonException Invalid(JsonException ex, string what) =>
        new($"The {what} is not valid JSON: {ex.Message}", ex.Path, ex.LineNumber, ex.BytePositionInLine, ex);

    /// <summary>Writes <paramref name="value"/> with a per-thread buffer and returns the text.</summary>
    private static string Write<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        ArrayBufferWriter<byte> buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, value);
        }

        string json = Encoding.UTF8.GetString(buffer.WrittenSpan);

        // A thread keeps its buffer for small events; one huge message must not pin its size forever.
        if (buffer.Capacity > 1024 * 1024)
        {
            t_buffer = null;
        }

        return json;
    }
}
