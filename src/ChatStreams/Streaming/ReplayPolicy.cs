using System;

namespace ChatStreams;

/// <summary>
/// Represents how much of a stream's history its projections and raw events keep for replay.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Full"/> (the default) keeps every delta and event, so any consumer, however late, replays from the
/// start. <see cref="Bounded"/> keeps only about the most recent items, for single-consumer use over long answers:
/// a consumer that keeps up sees everything, while one that starts late or falls further behind than the bound
/// fails with <see cref="InvalidOperationException"/> instead of silently skipping what it missed.
/// </para>
/// <para>The final values (<c>await stream.Text</c>, the message, <see cref="ChatModelStream.Snapshot"/>) are never affected: they come from the accumulated state, not from the replay log.</para>
/// </remarks>
public sealed class ReplayPolicy
{
    /// <summary>Initializes a policy.</summary>
    private ReplayPolicy(int? maxRetainedItems) => MaxRetainedItems = maxRetainedItems;

    /// <summary>Gets the policy that keeps everything: late consumers always replay from the start.</summary>
    public static ReplayPolicy Full { get; } = new(null);

    /// <summary>Gets the least number of recent items each log keeps, or <see langword="null"/> for all.</summary>
    /// <remarks>Items are released in blocks of 1,024, so a log may hold up to that many more.</remarks>
    public int? MaxRetainedItems { get; }

    /// <summary>Creates a policy that keeps about the last <paramref name="maxRetainedItems"/> items of each log.</summary>
    /// <param name="maxRetainedItems">The least number of recent items kept.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRetainedItems"/> is not positive.</exception>
    public static ReplayPolicy Bounded(int maxRetainedItems)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRetainedItems);
        return new ReplayPolicy(maxRetainedItems);
    }

    /// <inheritdoc/>
    public override string ToString() => MaxRetainedItems is { } max ? $"Bounded({max})" : "Full";
}
