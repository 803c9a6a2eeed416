using System;
using System.Threading;

namespace ChatStreams;

/// <summary>
/// The cumulative arguments of one streaming tool call. Appends go beyond the published length only, so a
/// <see cref="ToolCallChunk"/> can keep (buffer, length) and build its string on first read: a call streamed in
/// n slices costs O(n) instead of copying the whole prefix for every chunk.
/// </summary>
internal sealed class ArgsBuffer
{
    /// <summary>The characters; replaced by a larger copy when full (the old array keeps every prefix intact).</summary>
    private char[] _chars = new char[64];

    /// <summary>Gets the number of characters written.</summary>
    public int Length { get; private set; }

    /// <summary>Appends a slice. Call under the stream's lock.</summary>
    /// <param name="slice">The slice.</param>
    public void Append(string slice)
    {
        char[] chars = _chars;
        if (Length + slice.Length > chars.Length)
        {
            Array.Resize(ref chars, Math.Max(chars.Length * 2, Length + slice.Length));
            Volatile.Write(ref _chars, chars);
        }

        slice.CopyTo(chars.AsSpan(Length));
        Length += slice.Length;
    }

    /// <summary>Builds the first <paramref name="length"/> characters; safe from any thread for a published length.</summary>
    /// <param name="length">A length this buffer had when a chunk was published.</param>
    /// <returns>The text.</returns>
    public string Prefix(int length) => new(Volatile.Read(ref _chars), 0, length);

    /// <inheritdoc/>
    public override string ToString() => Prefix(Length);
}
