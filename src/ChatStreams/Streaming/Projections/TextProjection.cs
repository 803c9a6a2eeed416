using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ChatStreams;

/// <summary>
/// Represents the text (or reasoning) of a stream: each enumeration yields the text deltas; awaiting gives the
/// final text, the message's text blocks joined.
/// </summary>
/// <remarks>
/// When a block's authoritative finish text replaces what streamed, no corrective delta is sent, so the joined
/// deltas may differ from the final text; <see cref="Snapshots"/> ends with the final text in that case.
/// </remarks>
public sealed class TextProjection : StreamProjection<string, string>
{
    /// <summary>Picks the final value from the message.</summary>
    private readonly Func<AIMessage, string> _select;

    /// <summary>Initializes the projection.</summary>
    internal TextProjection(ChatModelStream stream, ItemLog<string> log, Func<AIMessage, string> select)
        : base(stream, log) => _select = select;

    /// <summary>Gets the running accumulated text: one string after each delta, each enumeration from the start.</summary>
    public IAsyncEnumerable<string> Snapshots => EnumerateSnapshotsAsync();

    /// <inheritdoc/>
    private protected override string Select(AIMessage message) => _select(message);

    /// <summary>Yields the text so far after each delta, then the final text if it differs.</summary>
    private async IAsyncEnumerable<string> EnumerateSnapshotsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        string last = string.Empty;
        await foreach (string delta in this.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            last = text.Append(delta).ToString();
            yield return last;
        }

        if (Stream.OutputMessage is { } message && _select(message) is { } final && final != last)
        {
            yield return final;
        }
    }
}
