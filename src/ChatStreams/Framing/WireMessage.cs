using System;
using System.Buffers;
using System.Text.Json;

namespace ChatStreams;

/// <summary>
/// One framed payload of a provider's body: its SSE event name and its UTF-8 JSON (parsed on first use), or the
/// <c>[DONE]</c> sentinel.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="WireReader"/> hands out one instance per body and refills it for every payload, so a payload is
/// valid until the reader moves on: translate it, call <see cref="Release"/>, and keep nothing from it without
/// <see cref="JsonElement.Clone"/>. Its bytes live in one pooled buffer that grows to the largest payload and is
/// returned when the reader is disposed; nothing is allocated per payload.
/// </para>
/// <para>Translators with a forward-only fast path read <see cref="Utf8"/> and never pay for a document.</para>
/// </remarks>
internal sealed class WireMessage
{
    /// <summary>The smallest buffer rented, so the first few payloads do not each grow it.</summary>
    private const int MinimumBuffer = 1024;

    /// <summary>The payload bytes (rented when <see cref="_pooled"/>), or <see langword="null"/>.</summary>
    private byte[]? _buffer;

    /// <summary>Whether <see cref="_buffer"/> is rented and refilled by the reader.</summary>
    private readonly bool _pooled;

    /// <summary>The number of payload bytes in <see cref="_buffer"/>.</summary>
    private int _length;

    /// <summary>The document, once parsed.</summary>
    private JsonDocument? _document;

    /// <summary>Initializes a payload that owns its bytes: for a single payload built outside a reader.</summary>
    /// <param name="eventType">The SSE <c>event:</c> name (<c>message</c> when absent; NDJSON lines have none).</param>
    /// <param name="buffer">Bytes holding UTF-8 JSON, or <see langword="null"/> for the sentinel and empty events.</param>
    /// <param name="length">The number of payload bytes.</param>
    /// <param name="isDone">Whether the payload was <c>[DONE]</c>.</param>
    public WireMessage(string eventType, byte[]? buffer, int length, bool isDone)
    {
        EventType = eventType;
        _buffer = buffer;
        _length = length;
        HasJson = buffer is not null;
        IsDone = isDone;
    }

    /// <summary>Initializes a payload a reader refills.</summary>
    private WireMessage()
    {
        EventType = "message";
        _pooled = true;
    }

    /// <summary>Gets the SSE event name.</summary>
    public string EventType { get; private set; }

    /// <summary>Gets a value indicating whether the payload was <c>[DONE]</c>.</summary>
    public bool IsDone { get; private set; }

    /// <summary>Gets a value indicating whether the payload carries JSON.</summary>
    public bool HasJson { get; private set; }

    /// <summary>Gets the payload's UTF-8 bytes.</summary>
    public ReadOnlySpan<byte> Utf8 => HasJson ? _buffer.AsSpan(0, _length) : default;

    /// <summary>Gets the payload as a pooled document, parsed on first use; default for the sentinel and empty events.</summary>
    /// <exception cref="JsonException">The payload is not valid JSON.</exception>
    public JsonElement Json
    {
        get
        {
            if (!HasJson)
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

    /// <summary>Creates the payload a reader refills for each event of one body.</summary>
    /// <returns>The payload.</returns>
    internal static WireMessage CreateReusable() => new();

    /// <summary>Refills the payload with JSON bytes (copied), the sentinel or nothing.</summary>
    /// <param name="eventType">The event name.</param>
    /// <param name="json">The JSON bytes, when <paramref name="hasJson"/> says so.</param>
    /// <param name="isDone">Whether the payload was <c>[DONE]</c>.</param>
    /// <param name="hasJson">Whether <paramref name="json"/> holds the payload.</param>
    internal void Refill(string eventType, ReadOnlySpan<byte> json, bool isDone, bool hasJson)
    {
        Release();
        if (hasJson && (_buffer is null || _buffer.Length < json.Length))
        {
            ReturnBuffer();
            _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(json.Length, MinimumBuffer));
        }

        EventType = eventType;
        IsDone = isDone;
        HasJson = hasJson;
        _length = hasJson ? json.Length : 0;
        json.CopyTo(_buffer);
    }

    /// <summary>Ends the use of the current payload: its document, if one was parsed, goes back to the pool.</summary>
    public void Release()
    {
        _document?.Dispose();
        _document = null;
    }

    /// <summary>Returns the pooled buffer once the reader is done with the body.</summary>
    internal void ReturnBuffer()
    {
        Release();
        if (_pooled && _buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = null;
        HasJson = false;
        _length = 0;
    }
}
