using System.Buffers;
using System.Text.Json;

namespace ChatStreams;

/// <summary>
/// One framed payload of a provider's body: its SSE event name and its JSON, or the <c>[DONE]</c> sentinel.
/// The JSON lives in pooled memory: call <see cref="Release"/> once it is translated, and keep nothing from it
/// without <see cref="JsonElement.Clone"/>.
/// </summary>
internal readonly struct WireMessage
{
    /// <summary>The pooled document, or <see langword="null"/>.</summary>
    private readonly JsonDocument? _document;

    /// <summary>The rented bytes the document reads, or <see langword="null"/>.</summary>
    private readonly byte[]? _buffer;

    /// <summary>Initializes a payload.</summary>
    /// <param name="eventType">The SSE <c>event:</c> name (<c>message</c> when absent; NDJSON lines have none).</param>
    /// <param name="document">The parsed JSON, or <see langword="null"/> for the sentinel and empty events.</param>
    /// <param name="buffer">The rented bytes behind <paramref name="document"/>.</param>
    /// <param name="isDone">Whether the payload was <c>[DONE]</c>.</param>
    public WireMessage(string eventType, JsonDocument? document, byte[]? buffer, bool isDone)
    {
        EventType = eventType;
        _document = document;
        _buffer = buffer;
        IsDone = isDone;
    }

    /// <summary>Gets the SSE event name.</summary>
    public string EventType { get; }

    /// <summary>Gets a value indicating whether the payload was <c>[DONE]</c>.</summary>
    public bool IsDone { get; }

    /// <summary>Gets the payload; default for the sentinel and for empty events.</summary>
    public JsonElement Json => _document?.RootElement ?? default;

    /// <summary>Gets a value indicating whether the payload carries JSON.</summary>
    public bool HasJson => _document is not null;

    /// <summary>Returns the pooled memory; the payload must not be read afterwards.</summary>
    public void Release()
    {
        _document?.Dispose();
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
