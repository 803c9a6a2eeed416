using System;
using System.Diagnostics;
using System.Threading;

namespace ChatStreams;

/// <summary>
/// An append-only log of one projection's items. Every cursor indexes into it from 0, so late consumers replay
/// everything; appends happen under the stream's lock, reads need no lock.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>
/// Items live in fixed-size segments once the first one is full, so a long stream never copies its history
/// and never allocates on the large-object heap. Lock-free reads are safe because an item (and, on growth, the
/// new segment table) is stored before the count is published with release semantics; a reader acquires the
/// count first, so any table it sees afterwards holds every item below that count.
/// </remarks>
internal sealed class ItemLog<T>
{
    /// <summary>The log-2 of the segment size: 1,024 references stay well below the large-object threshold.</summary>
    private const int SegmentShift = 10;

    /// <summary>The number of items per segment.</summary>
    private const int SegmentSize = 1 << SegmentShift;

    /// <summary>Where wakes are collected; shared by every log of the stream.</summary>
    private readonly WakeList _wakes;

    /// <summary>The segments; the first one grows by doubling up to <see cref="SegmentSize"/>, later ones are allocated full-size.</summary>
    private T[][] _segments = [[]];

    /// <summary>The number of published items.</summary>
    private int _count;

    /// <summary>The chain of cursors parked on this log; guarded by the stream's lock.</summary>
    private StreamWaiter? _waiters;

    /// <summary>The least number of recent items kept, or <see langword="null"/> for all (<see cref="ReplayPolicy"/>).</summary>
    private readonly int? _retain;

    /// <summary>The index of the first item still kept; a multiple of the segment size.</summary>
    private int _firstRetained;

    /// <summary>Initializes an empty log.</summary>
    /// <param name="wakes">Where to collect the waiters an append wakes.</param>
    /// <param name="retain">The least number of recent items to keep, or <see langword="null"/> for all.</param>
    public ItemLog(WakeList wakes, int? retain = null)
    {
        _wakes = wakes;
        _retain = retain;
    }

    /// <summary>Gets the number of items still held in memory.</summary>
    public int RetainedCount => Count - Volatile.Read(ref _firstRetained);

    /// <summary>Gets the number of published items.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Reads the item at <paramref name="index"/> if it is published.</summary>
    /// <param name="index">The position.</param>
    /// <param name="item">The item.</param>
    /// <returns><see langword="true"/> when the item exists.</returns>
    public bool TryGet(int index, out T item)
    {
        if (index < Volatile.Read(ref _count))
        {
            T[]? segment = index >= Volatile.Read(ref _firstRetained) ? Volatile.Read(ref _segments)[index >> SegmentShift] : null;
            if (segment is null)
            {
                // A bounded log released this item: failing beats silently skipping what the consumer missed.
                throw new InvalidOperationException(
                    $"This consumer fell behind the stream's bounded replay window (ReplayPolicy.Bounded: about {_retain} recent items are kept); item {index} was released. Use ReplayPolicy.Full for late or slow consumers.");
            }

            item = segment[index & (SegmentSize - 1)];
            return true;
        }

        item = default!;
        return false;
    }

    /// <summary>Appends an item and schedules the parked cursors to wake. Call under the stream's lock.</summary>
    /// <param name="item">The item.</param>
    public void Append(T item)
    {
        int count = _count;
        int segment = count >> SegmentShift;
        int offset = count & (SegmentSize - 1);
        T[][] segments = _segments;
        if (segment == segments.Length)
        {
            Array.Resize(ref segments, segments.Length * 2);
            segments[segment] = new T[SegmentSize];
            Volatile.Write(ref _segments, segments);
        }
        else if (segments[segment] is null)
        {
            segments[segment] = new T[SegmentSize];
        }
        else if (offset == segments[segment].Length)
        {
            // Only the first segment grows; it starts small because most projections see few items.
            T[] grown = segments[segment];
            Array.Resize(ref grown, Math.Max(8, offset * 2));
            Volatile.Write(ref segments[segment], grown);
        }

        segments[segment][offset] = item;
        Volatile.Write(ref _count, count + 1);
        if (_retain is { } retain && count + 1 - _firstRetained >= retain + SegmentSize)
        {
            // Release the oldest whole segment: the log keeps at least the last `retain` items.
            segments[_firstRetained >> SegmentShift] = null!;
            Volatile.Write(ref _firstRetained, _firstRetained + SegmentSize);
        }

        WakeWaiters();
    }

    /// <summary>Schedules every parked cursor to wake (the stream ended). Call under the stream's lock.</summary>
    public void WakeWaiters()
    {
        if (_waiters is not null)
        {
            _wakes.AddChain(_waiters);
            _waiters = null;
        }
    }

    /// <summary>Parks a cursor until the next append or wake. Call under the stream's lock.</summary>
    /// <param name="waiter">The cursor.</param>
    public void Park(StreamWaiter waiter)
    {
        Debug.Assert(!waiter.IsParked, "A cursor parks once per wait.");
        waiter.IsParked = true;
        waiter.Next = _waiters;
        _waiters = waiter;
    }

    /// <summary>Removes a parked cursor whose consumer gave up waiting. Call under the stream's lock.</summary>
    /// <param name="waiter">The cursor.</param>
    /// <returns><see langword="true"/> when it was parked here (and so will not be woken by an append).</returns>
    public bool Unpark(StreamWaiter waiter)
    {
        if (!waiter.IsParked)
        {
            return false;
        }

        ref StreamWaiter? link = ref _waiters;
        while (link is not null)
        {
            if (ReferenceEquals(link, waiter))
            {
                link = waiter.Next;
                waiter.Next = null;
                waiter.IsParked = false;
                return true;
            }

            link = ref link.Next;
        }

        return false;
    }
}
