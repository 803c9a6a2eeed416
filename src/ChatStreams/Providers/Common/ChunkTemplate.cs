using System;
using System.Buffers;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace ChatStreams;

/// <summary>
/// Remembers the last payload a translator read whose only content was one string value (a text, reasoning or
/// argument delta), so that a following payload byte-identical around that string is read without tokenizing
/// the rest again.
/// </summary>
/// <remarks>
/// <para>
/// Consecutive chunks of one answer usually repeat their envelope byte for byte (OpenAI Chat's id, model and
/// fingerprint; Anthropic's <c>content_block_delta</c> wrapper), and tokenizing that envelope was most of the cost
/// of a delta. This is a cache, not a parser: a payload matches only when every byte outside the string is
/// identical to a payload already read and validated, and the bytes in between are exactly one valid JSON string.
/// Replacing one string token with another keeps a document valid and its structure unchanged, so the translator
/// may repeat what it did for the remembered payload with the new string. Anything else (an obfuscation field
/// that changes each time, a new sequence number, different white space) misses and is read in full.
/// </para>
/// <para>Single-use and not thread-safe, like the translator that owns it.</para>
/// </remarks>
internal sealed class ChunkTemplate
{
    /// <summary>The bytes that end a JSON string or need decoding: a quote, a backslash, control characters.</summary>
    private static readonly SearchValues<byte> s_special = SearchValues.Create([(byte)'"', (byte)'\\', .. Enumerable.Range(0, 0x20).Select(b => (byte)b)]);

    /// <summary>The remembered payload, in a buffer reused across payloads.</summary>
    private byte[] _bytes = [];

    /// <summary>The remembered payload's length.</summary>
    private int _length;

    /// <summary>Where the string token starts (its opening quote) in the remembered payload.</summary>
    private int _holeStart;

    /// <summary>Where the string token ends (after its closing quote) in the remembered payload.</summary>
    private int _holeEnd;

    /// <summary>Gets a value indicating whether a payload is remembered.</summary>
    public bool IsSet => _length > 0;

    /// <summary>Remembers a payload and the string token in it.</summary>
    /// <param name="payload">The payload, already read and validated in full.</param>
    /// <param name="holeStart">The index of the string token's opening quote.</param>
    /// <param name="holeEnd">The index just after its closing quote.</param>
    public void Remember(ReadOnlySpan<byte> payload, int holeStart, int holeEnd)
    {
        if (_bytes.Length < payload.Length)
        {
            // One buffer per answer, grown rarely: the envelope of a stream hardly changes size.
            _bytes = new byte[Math.Max(payload.Length * 2, 256)];
        }

        payload.CopyTo(_bytes);
        _length = payload.Length;
        _holeStart = holeStart;
        _holeEnd = holeEnd;
    }

    /// <summary>Forgets the remembered payload, so the next one is read in full.</summary>
    public void Forget() => _length = 0;

    /// <summary>Matches a payload against the remembered one and decodes its string.</summary>
    /// <param name="payload">The payload.</param>
    /// <param name="value">The decoded string when the payload matches.</param>
    /// <returns>Whether the payload is the remembered one with another string in the same place.</returns>
    public bool TryMatch(ReadOnlySpan<byte> payload, out string value)
    {
        value = string.Empty;
        int suffix = _length - _holeEnd;
        if (_length == 0 || payload.Length < _holeStart + suffix + 2)
        {
            return false;
        }

        ReadOnlySpan<byte> remembered = _bytes.AsSpan(0, _length);
        if (!payload[.._holeStart].SequenceEqual(remembered[.._holeStart]) ||
            !payload[^suffix..].SequenceEqual(remembered[_holeEnd..]))
        {
            return false;
        }

        ReadOnlySpan<byte> hole = payload[_holeStart..^suffix];
        if (hole[0] != (byte)'"' || hole[^1] != (byte)'"')
        {
            return false;
        }

        // Most deltas are plain text: no quote, escape or control character inside, so the bytes are the string.
        ReadOnlySpan<byte> inner = hole[1..^1];
        if (!inner.ContainsAny(s_special))
        {
            if (!System.Text.Unicode.Utf8.IsValid(inner))
            {
                return false;
            }

            value = Encoding.UTF8.GetString(inner);
            return true;
        }

        try
        {
            var reader = new Utf8JsonReader(hole);
            if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.BytesConsumed != hole.Length)
            {
                return false;
            }

            value = reader.GetString()!;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not one valid string (an escaped quote ends it early, a control character, invalid UTF-8): the
            // full read reports it in its own words.
            return false;
        }
    }
}
