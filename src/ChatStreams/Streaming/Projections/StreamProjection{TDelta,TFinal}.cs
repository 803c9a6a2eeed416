using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace ChatStreams;

/// <summary>
/// Represents one typed view of a <see cref="ChatModelStream"/>: the deltas as they arrive, and a final value.
/// </summary>
/// <typeparam name="TDelta">The item each enumeration yields.</typeparam>
/// <typeparam name="TFinal">The final value <c>await</c> gives.</typeparam>
/// <remarks>
/// <para>
/// Enumerate it any number of times, concurrently or late: every enumeration is a new cursor at 0 that replays
/// every delta so far and then follows live ones. Await it for the final value. When the stream fails, each
/// enumeration first yields the buffered deltas and then throws the stream's error; every awaiter throws the
/// same exception instance.
/// </para>
/// <para>
/// Only <see cref="GetAwaiter"/>, <see cref="GetValueAsync"/> and the first <c>MoveNextAsync</c> of an enumerator
/// run the stream's lazy start. A consumer's token cancels that consumer only, never the stream. All members are
/// thread-safe.
/// </para>
/// </remarks>
public abstract class StreamProjection<TDelta, TFinal> : IAsyncEnumerable<TDelta>
{
    /// <summary>The log this projection's cursors read.</summary>
    private readonly ItemLog<TDelta> _log;

    /// <summary>Initializes the projection; only this library defines projections.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="log">The deltas.</param>
    private protected StreamProjection(ChatModelStream stream, ItemLog<TDelta> log)
    {
        Stream = stream;
        _log = log;
    }

    /// <summary>Gets a value indicating whether the stream reached its terminal state (completed or failed).</summary>
    public bool IsDone => Stream.IsDone;

    /// <summary>Gets the stream's error, or <see langword="null"/> when it has not failed.</summary>
    public Exception? Error => Stream.Error;

    /// <summary>Gets the stream this projection views.</summary>
    private protected ChatModelStream Stream { get; }

    /// <summary>Waits for the final value, running the lazy start if needed.</summary>
    /// <param name="cancellationToken">Cancels this wait only; the stream and its other consumers carry on.</param>
    /// <returns>The final value.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired, or the stream was closed before it completed.</exception>
    /// <exception cref="Exception">The stream's error, the same instance for every consumer.</exception>
    public Task<TFinal> GetValueAsync(CancellationToken cancellationToken = default) => Stream.GetFinalAsync(Select, cancellationToken);

    /// <summary>Gets an awaiter for the final value, so the projection can be awaited directly.</summary>
    /// <returns>The awaiter.</returns>
    public TaskAwaiter<TFinal> GetAwaiter() => GetValueAsync().GetAwaiter();

    /// <summary>Starts a new enumeration at the first delta.</summary>
    /// <param name="cancellationToken">Cancels this enumeration only.</param>
    /// <returns>The enumerator.</returns>
    public IAsyncEnumerator<TDelta> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        new Cursor<TDelta>(Stream, _log, cancellationToken);

    /// <summary>Picks this projection's final value from the completed message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The final value.</returns>
    private protected abstract TFinal Select(AIMessage message);
}
