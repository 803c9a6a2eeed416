namespace ChatStreams;

/// <summary>Collects, under the stream's lock, the waiters a change must wake once the lock is released.</summary>
internal sealed class WakeList
{
    /// <summary>The collected chain; guarded by the stream's lock.</summary>
    private StreamWaiter? _head;

    /// <summary>Moves every waiter of <paramref name="chain"/> into this list. Call under the stream's lock.</summary>
    /// <param name="chain">A detached chain.</param>
    public void AddChain(StreamWaiter? chain)
    {
        while (chain is not null)
        {
            StreamWaiter? next = chain.Next;
            chain.IsParked = false;
            chain.Next = _head;
            _head = chain;
            chain = next;
        }
    }

    /// <summary>Takes the collected chain, leaving the list empty. Call under the stream's lock.</summary>
    /// <returns>The chain to pass to <see cref="StreamWaiter.WakeAll"/> after releasing the lock.</returns>
    public StreamWaiter? Detach()
    {
        StreamWaiter? head = _head;
        _head = null;
        return head;
    }
}
