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
/// Lock-free reads are safe because an item is stored (and, on growth, the array copied and published) before
/// the count is published with release semantics; a reader acquires the count first, so any array it sees
/// afterwards holds every item below that count.
/// </remarks>
internal sealed class ItemLog<T>
{
    /// <summary>Where wakes are collected; shared by every log of the stream.</summary>
    private readonly WakeList _wakes;

    /// <summary>The items; replaced by a larger copy when full.</summary>
    private T[] _items = [];

    /// <summary>The number of published items.</summary>
    private int _count;

    /// <summary>The chain of cursors parked on this log; guarded by the stream's lock.</summary>
    private StreamWaiter? _waiters;

    /// <summary>Initializes an empty log.</summary>
    /// <param name="wakes">Where to collect the waiters an append wakes.</param>
    public ItemLog(WakeList wakes) => _wakes = wakes;

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
            item = Volatile.Read(ref _items)[index];
            return true;
        }

        item = default!;
        return false;
    }

    /// <summary>Copies the published items.</summary>
    /// <returns>A new array.</returns>
    public T[] ToArray() => Volatile.Read(ref _items).AsSpan(0, Count).ToArray();

    /// <summary>Appends an item and schedules the parked cursors to wake. Call under the stream's lock.</summary>
    /// <param name="item">The item.</param>
    public void Append(T item)
    {
        T[] items = _items;
        int count = _count;
        if (count == items.Length)
        {
            Array.Resize(ref items, Math.Max(8, count * 2));
            Volatile.Write(ref _items, items);
        }

        items[count] = item;
        Volatile.Write(ref _count, count + 1);
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
