using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Unicode;
using System.Threading;
using System.Threading.Tasks;

namespace ChatStreams;

/// <summary>Reads a provider body into <see cref="WireMessage"/>s: SSE through the in-box parser, or NDJSON lines.</summary>
/// <remarks>
/// Malformed input throws: <see cref="InvalidDataException"/> for a size limit or invalid UTF-8 here, and
/// <see cref="JsonException"/> for a payload that is not JSON when it is read. Providers wrap both in
/// <see cref="ChatModelException"/>.
/// </remarks>
internal static class WireReader
{
    /// <summary>Reads server-sent events; comments and keep-alives are skipped, <c>data: [DONE]</c> is flagged.</summary>
    /// <param name="body">The body.</param>
    /// <param name="limits">The size limits.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One payload refilled for each event: valid until the next one is read.</returns>
    public static IAsyncEnumerable<WireMessage> ReadSseAsync(Stream body, FramingLimits limits, CancellationToken cancellationToken) =>
        new SseWireReader(body, limits, cancellationToken);

    /// <summary>Reads newline-delimited JSON; blank lines are skipped and a last line without a newline still counts.</summary>
    /// <param name="body">The body.</param>
    /// <param name="limits">The size limits (a line is an event).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One payload refilled for each line: valid until the next one is read.</returns>
    public static async IAsyncEnumerable<WireMessage> ReadNdjsonAsync(Stream body, FramingLimits limits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int max = Math.Min(limits.MaxLineSize, limits.MaxEventSize);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        WireMessage line = WireMessage.CreateReusable();
        try
        {
            int start = 0, end = 0;
            while (true)
            {
                int newline = buffer.AsSpan(start, end - start).IndexOfAny((byte)'\n', (byte)'\r');
                if (newline >= 0)
                {
                    Frame(line, "message", buffer.AsSpan(start, newline));
                    start += newline + 1;
                    if (line.HasJson)
                    {
                        yield return line;
                    }

                    continue;
                }

                if (end - start > max)
                {
                    throw end - start > limits.MaxLineSize ? limits.LineTooLong() : limits.EventTooLarge();
                }

                // Keep the partial line at the front and make room for more.
                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, end).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await body.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    Frame(line, "message", buffer.AsSpan(start, end - start));
                    if (line.HasJson)
                    {
                        yield return line;
                    }

                    yield break;
                }

                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            line.ReturnBuffer();
        }
    }

    /// <summary>Frames one payload into <paramref name="message"/>: <c>[DONE]</c>, nothing (white space only), or JSON that must be valid UTF-8.</summary>
    /// <remarks>
    /// The bytes are copied into the payload's pooled buffer; JSON is validated where it is read (translators read
    /// the bytes forward-only or parse a pooled document on demand; both throw <see cref="JsonException"/> on
    /// malformed JSON), so no event is tokenized twice.
    /// </remarks>
    internal static WireMessage Frame(WireMessage message, string eventType, ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> trimmed = data.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty || trimmed.SequenceEqual("[DONE]"u8))
        {
            message.Refill(eventType, default, isDone: !trimmed.IsEmpty, hasJson: false);
            return message;
        }

        if (!Utf8.IsValid(trimmed))
        {
            throw new InvalidDataException("The response contains invalid UTF-8.");
        }

        message.Refill(eventType, trimmed, isDone: false, hasJson: true);
        return message;
    }
}
