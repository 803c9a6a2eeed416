using System;
using System.Buffers;
using System.Text.Json;

namespace ChatStreams;

/// <summary>
/// One framed payload of a provider's body: its SSE event name and its UTF-8 JSON (parsed on first use), or the
/// <c>[DONE]</c> sentinel. The bytes live in pooled memory: call <see cref="Release"/> once the payload is
/// translated, and keep nothing from it without <see cref="JsonElement.Clone"/>.
/// </summary>
/// <remarks>Translators with a forward-only fast path read <see cref="Utf8"/> and never pay for a document.</remarks>
internal sealed class WireMessage
{
    /// <summary>The rented bytes, or <see langword="null"/>.</summary>
    private byte[]? _buffer;

    /// <summary>The number of payload bytes in <see cref="_buffer"/>.</summary>
    private readonly int _length;

    /// <summary>The document, once parsed.</summary>
    private JsonDocument? _document;

    /// <summary>Initializes a payload.</summary>
    /// <param name="eventType">The SSE <c>event:</c> name (<c>message</c> when absent; NDJSON lines have none).</param>
    /// <param name="buffer">Rented bytes holding valid UTF-8 JSON, or <see langword="null"/> for the sentinel and empty events.</param>
    /// <param name="length">The number of payload bytes.</param>
    /// <param name="isDone">Whether the payload was <c>[DONE]</c>.</param>
    public WireMessage(string eventType, byte[]? buffer, int length, bool isDone)
    {
        EventType = eventType;
        _buffer = buffer;
        _length = length;
        IsDone = isDone;
    }

    /// <summary>Gets the SSE event name.</summary>
    public string EventType { get; }

    /// <summary>Gets a value indicating whether the payload was <c>[DONE]</c>.</summary>
    public bool IsDone { get; }

    /// <summary>Gets a value indicating whether the payload carries JSON.</summary>
    public bool HasJson => _buffer is not null;

    /// <summary>Gets the payload's UTF-8 bytes.</summary>
    public ReadOnlySpan<byte> Utf8 => _buffer.AsSpan(0, _length);

    /// <summary>Gets the payload as a pooled document, parsed on first use; default for the sentinel and empty events.</summary>
    /// <exception cref="JsonException">The payload is not valid JSON.</exception>
    public JsonElement Json
    {
        get
        {
            if (_buffer is null)
            {
                return default;
            }

            try
            {
                _document ??= JsonDocument.Parse(_buffer.AsMemory(0, _length));
            }
            catch (JsonException ex)
            {
                throw new JsonException($"A response event is not valid JSON: {ex.Message}", ex);
            }

            return _document.RootElement;
        }
    }

    /// <summary>Returns the pooled memory; the payload must not be read afterwards.</summary>
    public void Release()
    {
        _document?.Dispose();
        _document = null;
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
