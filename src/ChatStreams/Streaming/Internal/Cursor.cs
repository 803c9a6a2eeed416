using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace ChatStreams;

/// <summary>
/// One enumeration of a projection or of the raw events: an index into the log, starting at 0. It is also the
/// waiter it parks, so waiting allocates nothing per item.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class Cursor<T> : StreamWaiter, IAsyncEnumerator<T>, IValueTaskSource<bool>
{
    /// <summary>The stream.</summary>
    private readonly ChatModelStream _stream;

    /// <summary>The log this cursor reads.</summary>
    private readonly ItemLog<T> _log;

    /// <summary>The consumer's token: it cancels this enumeration only, never the stream.</summary>
    private readonly CancellationToken _cancellationToken;

    /// <summary>The reusable completion of a parked wait; continuations run on the thread pool via <see cref="StreamWaiter.WakeAll"/>.</summary>
    private ManualResetValueTaskSourceCore<bool> _core;

    /// <summary>The cancellation callback, registered on the first park.</summary>
    private CancellationTokenRegistration _registration;

    /// <summary>The index of the next item.</summary>
    private int _index;

    /// <summary>Whether the first move ran the lazy start.</summary>
    private bool _started;

    /// <summary>Initializes a cursor at 0.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="log">The log to read.</param>
    /// <param name="cancellationToken">The consumer's token.</param>
    public Cursor(ChatModelStream stream, ItemLog<T> log, CancellationToken cancellationToken)
    {
        _stream = stream;
        _log = log;
        _cancellationToken = cancellationToken;
    }

    /// <inheritdoc/>
    public T Current { get; private set; } = default!;

    /// <inheritdoc/>
    public ValueTask<bool> MoveNextAsync()
    {
        // Hot path: the item is already in the log, so no lock, no state machine, no allocation.
        if (_started && _log.TryGet(_index, out T item))
        {
            _index++;
            Current = item;
            return new ValueTask<bool>(true);
        }

        return MoveNextSlowAsync();
    }

    /// <summary>Starts the stream on the first move, then waits, pumps or ends as the stream says.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> MoveNextSlowAsync()
    {
        if (!_started)
        {
            _started = true;
            await _stream.EnsureStartedAsync(_cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (_log.TryGet(_index, out T item))
            {
                _index++;
                Current = item;
                return true;
            }

            switch (_stream.NextStep(_log, _index, this))
            {
                case CursorStep.Done:
                    return false;
                case CursorStep.Failed:
                    _stream.ThrowError();
                    break;
                case CursorStep.Pump:
                    await _stream.PumpAsync(_cancellationToken).ConfigureAwait(false);
                    break;
                case CursorStep.Parked:
                    if (_cancellationToken.CanBeCanceled)
                    {
                        if (_registration == default)
                        {
                            _registration = _cancellationToken.UnsafeRegister(static s => ((Cursor<T>)s!).OnCanceled(), this);
                        }
                        else if (_cancellationToken.IsCancellationRequested)
                        {
                            // The callback may have fired between the loop's check and the park, when there was
                            // nothing to release; cancellation is sticky, so release this park now.
                            OnCanceled();
                        }
                    }

                    await new ValueTask<bool>(this, _core.Version).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>Releases a parked wait when the consumer's token fires; the loop then throws.</summary>
    private void OnCanceled()
    {
        if (_stream.Unpark(_log, this))
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <inheritdoc/>
    public override void Execute() => _core.SetResult(true);

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _registration.Dispose();
        return default;
    }

    /// <inheritdoc/>
    bool IValueTaskSource<bool>.GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _core.Reset();
        }
    }

    /// <inheritdoc/>
    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _core.GetStatus(token);

    /// <inheritdoc/>
    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
