using System.Threading;

namespace ChatStreams;

/// <summary>
/// A consumer parked until its log grows or the stream ends. Waiters form intrusive singly-linked chains, so
/// parking and waking allocate nothing.
/// </summary>
internal abstract class StreamWaiter : IThreadPoolWorkItem
{
    /// <summary>The next waiter in whichever chain holds this one; guarded by the stream's lock.</summary>
    internal StreamWaiter? Next;

    /// <summary>Whether this waiter is parked in a log's chain; guarded by the stream's lock.</summary>
    internal bool IsParked;

    /// <summary>Wakes every waiter of a detached chain. Call it outside the stream's lock.</summary>
    /// <param name="chain">The first waiter, or <see langword="null"/>.</param>
    public static void WakeAll(StreamWaiter? chain)
    {
        while (chain is not null)
        {
            // Read the link first: once woken, the waiter may park again and reuse Next.
            StreamWaiter? next = chain.Next;
            chain.Next = null;

            // The continuation runs on the thread pool, never on the producer's thread: a slow consumer must
            // not stall dispatch, and a consumer that dispatches must not re-enter it. Queuing the waiter
            // itself (it is the work item) keeps the wake allocation-free.
            ThreadPool.UnsafeQueueUserWorkItem(chain, preferLocal: false);
            chain = next;
        }
    }

    /// <summary>Completes the pending wait; runs on the thread pool.</summary>
    public abstract void Execute();
}
