using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace ChatStreams;

/// <summary>The producer side: dispatch, failure, and the cursors' view of the state.</summary>
public sealed partial class ChatModelStream
{
    /// <summary>Ingests one event: records it for replay, accumulates it and wakes the consumers it concerns.</summary>
    /// <param name="streamEvent">The event; the stream owns it from now on, so do not mutate it (or its <c>JsonObject</c>s) afterwards.</param>
    /// <exception cref="ArgumentNullException"><paramref name="streamEvent"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// Ordering is not validated: deltas and finishes for never-started indices are accepted. An <see cref="ErrorEvent"/>
    /// fails the stream with a <see cref="ChatModelException"/> carrying its message and code. After the terminal
    /// state, events are recorded in the raw replay and change nothing else.
    /// </remarks>
    public void Dispatch(StreamEvent streamEvent)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        bool ended = false;
        StreamWaiter? wake;
        lock (_gate)
        {
            _events.Append(streamEvent);
            if (_state == StreamState.Running)
            {
                ended = Accumulate(streamEvent);
            }

            wake = _wakes.Detach();
        }

        StreamWaiter.WakeAll(wake);
        if (ended)
        {
            _terminal.TrySetResult();
        }
    }

    /// <summary>Fails the stream: every consumer and awaitable throws <paramref name="error"/> after the buffered deltas.</summary>
    /// <param name="error">The error; the same instance reaches everyone.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    /// <remarks>Ignored once the stream completed or failed: the first terminal state wins.</remarks>
    public void Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        StreamWaiter? wake;
        lock (_gate)
        {
            if (_state != StreamState.Running)
            {
                return;
            }

            EndLocked(StreamState.Failed, error);
            wake = _wakes.Detach();
        }

        StreamWaiter.WakeAll(wake);
        _terminal.TrySetResult();
    }

    /// <summary>Sets the message id used until, or unless, a <c>message-start</c> carries a non-empty one.</summary>
    /// <param name="messageId">The id.</param>
    /// <exception cref="ArgumentNullException"><paramref name="messageId"/> is <see langword="null"/>.</exception>
    public void SetMessageId(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        Volatile.Write(ref _assignedId, messageId);
    }

    /// <summary>Applies an event to the accumulator under the lock; returns whether the stream ended.</summary>
    private bool Accumulate(StreamEvent streamEvent)
    {
        try
        {
            if (streamEvent is ErrorEvent error)
            {
                // DESIGN 4.9: the message and code survive, so callers can tell errors apart.
                EndLocked(StreamState.Failed, new ChatModelException(error.Message) { ErrorCode = error.Code });
                return true;
            }

            if (_accumulator.Apply(streamEvent) is not { } finish)
            {
                return false;
            }

            _message = _accumulator.Complete(finish, MessageId);
            _outputLog.Append(_message);
            EndLocked(StreamState.Completed, null);
        }
#pragma warning disable CA1031 // An accumulator fault must end the stream, or every waiter would hang.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EndLocked(StreamState.Failed, ex);
        }

        return true;
    }

    /// <summary>Enters a terminal state and schedules every parked cursor to wake. Call under the lock.</summary>
    private void EndLocked(StreamState state, Exception? error)
    {
        _error = error;
        _state = state;
        _events.WakeWaiters();
        _textLog.WakeWaiters();
        _reasoningLog.WakeWaiters();
        _toolCallLog.WakeWaiters();
        _usageLog.WakeWaiters();
        _outputLog.WakeWaiters();
    }

    /// <summary>Decides what a cursor with no buffered item does; parks it when it must wait.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="log">The cursor's log.</param>
    /// <param name="index">The cursor's next index.</param>
    /// <param name="waiter">The cursor.</param>
    /// <returns>The next step.</returns>
    internal CursorStep NextStep<T>(ItemLog<T> log, int index, StreamWaiter waiter)
    {
        lock (_gate)
        {
            if (index < log.Count)
            {
                return CursorStep.Item;
            }

            if (_state != StreamState.Running)
            {
                return _state == StreamState.Failed ? CursorStep.Failed : CursorStep.Done;
            }

            if (_requestMore is not null)
            {
                return CursorStep.Pump;
            }

            log.Park(waiter);
            return CursorStep.Parked;
        }
    }

    /// <summary>Removes a parked cursor whose consumer gave up.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="log">The cursor's log.</param>
    /// <param name="waiter">The cursor.</param>
    /// <returns><see langword="true"/> when the caller must complete the wait itself.</returns>
    internal bool Unpark<T>(ItemLog<T> log, StreamWaiter waiter)
    {
        lock (_gate)
        {
            return log.Unpark(waiter);
        }
    }

    /// <summary>Throws the stream's error, keeping its original stack trace.</summary>
    [DoesNotReturn]
    internal void ThrowError() => ExceptionDispatchInfo.Throw(_error!);
}
