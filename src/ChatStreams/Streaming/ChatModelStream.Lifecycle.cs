using System;
using System.Threading;
using System.Threading.Tasks;

namespace ChatStreams;

/// <summary>Lazy start, the pull pump, the producer hand-off, close, and the awaitables.</summary>
public sealed partial class ChatModelStream
{
    /// <summary>The lazy-start callback; guarded by the lock.</summary>
    private Func<CancellationToken, ValueTask>? _start;

    /// <summary>Completes when the start callback finished; never faults. <see langword="null"/> until started.</summary>
    private Task? _startTask;

    /// <summary>Set by <see cref="CloseAsync"/>: a start that has not run never will.</summary>
    private bool _startClosed;

    /// <summary>The pull pump; guarded by the lock.</summary>
    private Func<CancellationToken, ValueTask<bool>>? _requestMore;

    /// <summary>The pump run in flight, which concurrent consumers join instead of pumping concurrently.</summary>
    private Task? _pumpInFlight;

    /// <summary>Cancelled by <see cref="CloseAsync"/> only; its token is what the start callback, the pump and the producer receive.</summary>
    private CancellationTokenSource? _closeSource;

    /// <summary>The producer's task (driver post-work included); <c>await stream</c> and close wait for it.</summary>
    private Task? _producer;

    /// <summary>Installs the lazy-start callback, run at most once, by the first consumer that reads or awaits.</summary>
    /// <param name="start">The callback, or <see langword="null"/> to remove it. It receives the stream's own token, cancelled only by <see cref="CloseAsync"/>.</param>
    /// <remarks>
    /// The stream guarantees the callback runs at most once however many first consumers race, so it need not be
    /// idempotent. If it throws, the stream fails with that exception. <see cref="CloseAsync"/> never runs it.
    /// </remarks>
    public void SetStart(Func<CancellationToken, ValueTask>? start)
    {
        lock (_gate)
        {
            _start = start;
        }
    }

    /// <summary>Installs a pull pump that consumers call when they have nothing to read.</summary>
    /// <param name="requestMore">
    /// The pump, or <see langword="null"/> to remove it. It should dispatch at least one event and return
    /// <see langword="true"/>, or return <see langword="false"/> when its source is exhausted. It receives the
    /// stream's own token.
    /// </param>
    /// <remarks>
    /// The stream never invokes the pump concurrently: consumers that need more while it runs wait for that run.
    /// A pump that runs dry before <c>message-finish</c> fails the stream with <see cref="InvalidOperationException"/>;
    /// a pump that throws fails it with that exception. Install it before the first consumer reads: consumers
    /// already waiting for a producer are not moved over to pumping.
    /// </remarks>
    public void SetRequestMore(Func<CancellationToken, ValueTask<bool>>? requestMore)
    {
        lock (_gate)
        {
            _requestMore = requestMore;
        }
    }

    /// <summary>Ends the stream from the consumer side: an unfinished stream fails with <see cref="OperationCanceledException"/> and its producer is cancelled.</summary>
    /// <param name="cancellationToken">Abandons only this call's wait for the producer; the close itself still happens.</param>
    /// <returns>A task that completes once the producer, if any, finished its post-work.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired while waiting.</exception>
    /// <remarks>
    /// Idempotent. A stream that already completed is not cancelled: the call waits for the producer's post-work
    /// (for example an observer's end callback). A start callback that has not run never runs.
    /// </remarks>
    public ValueTask CloseAsync(CancellationToken cancellationToken = default)
    {
        CancellationTokenSource? source;
        OperationCanceledException? closed = null;
        StreamWaiter? wake = null;
        lock (_gate)
        {
            _startClosed = true;
            source = _closeSource;
            if (_state == StreamState.Running)
            {
                closed = new OperationCanceledException("The stream was closed before the message completed.", source?.Token ?? default);
                EndLocked(StreamState.Failed, closed);
                wake = _wakes.Detach();
            }
        }

        if (closed is not null)
        {
            // DESIGN 3.5: the stream fails first, so everyone sees the close's exception, and only then is the
            // producer cancelled; whatever the producer throws afterwards is ignored.
            StreamWaiter.WakeAll(wake);
            _terminal.TrySetResult();
            CancelProducer(source);
        }

        return WaitForProducerAsync(cancellationToken);
    }

    /// <summary>Closes the stream, as <see cref="CloseAsync"/> does.</summary>
    /// <returns>A task that completes once the producer, if any, finished.</returns>
    public ValueTask DisposeAsync() => CloseAsync();

    /// <summary>Gets the stream's own token: cancelled only by <see cref="CloseAsync"/>. Producers run under it.</summary>
    internal CancellationToken CloseToken
    {
        get
        {
            lock (_gate)
            {
                _closeSource ??= new CancellationTokenSource();
                return _closeSource.Token;
            }
        }
    }

    /// <summary>Attaches the producer's task, so <c>await stream</c> and close wait for its post-work.</summary>
    /// <param name="producer">The producer; it must not fault (it reports failure through <see cref="Fail"/>).</param>
    internal void AttachProducer(Task producer) => Volatile.Write(ref _producer, producer);

    /// <summary>Runs the lazy start once and waits for it, for this consumer only.</summary>
    /// <param name="cancellationToken">The consumer's token.</param>
    /// <returns>A task that completes when the start finished.</returns>
    internal ValueTask EnsureStartedAsync(CancellationToken cancellationToken)
    {
        Task start = EnsureStarted();
        return start.IsCompleted ? default : new ValueTask(start.WaitAsync(cancellationToken));
    }

    /// <summary>Runs the pump, or joins the run in flight, and waits for it, for this consumer only.</summary>
    /// <param name="cancellationToken">The consumer's token.</param>
    /// <returns>A task that completes when the run finished.</returns>
    internal ValueTask PumpAsync(CancellationToken cancellationToken)
    {
        Task? pump = StartPump();
        return pump is null || pump.IsCompleted ? default : new ValueTask(pump.WaitAsync(cancellationToken));
    }

    /// <summary>Waits for the terminal state, then returns a projection's final value or throws the error.</summary>
    /// <typeparam name="TFinal">The value type.</typeparam>
    /// <param name="select">Picks the value from the message.</param>
    /// <param name="cancellationToken">The consumer's token.</param>
    /// <returns>The value.</returns>
    internal Task<TFinal> GetFinalAsync<TFinal>(Func<AIMessage, TFinal> select, CancellationToken cancellationToken)
    {
        if (_state == StreamState.Completed)
        {
            return Task.FromResult(select(_message!));
        }

        return MarkObserved(WaitAsync(select, cancellationToken));

        async Task<TFinal> WaitAsync(Func<AIMessage, TFinal> select, CancellationToken cancellationToken)
        {
            await WaitForTerminalAsync(cancellationToken).ConfigureAwait(false);
            if (_state != StreamState.Completed)
            {
                ThrowError();
            }

            return select(_message!);
        }
    }

    /// <summary>
    /// Marks a failure of <paramref name="task"/> as observed, so a consumer that asked for a value and then
    /// dropped the task never raises <see cref="TaskScheduler.UnobservedTaskException"/> (DESIGN 4.7). Awaiting
    /// the task still throws.
    /// </summary>
    private static Task<T> MarkObserved<T>(Task<T> task)
    {
        if (task.IsCompleted)
        {
            _ = task.Exception;
        }
        else
        {
            _ = task.ContinueWith(
                static t => _ = t.Exception,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return task;
    }

    /// <summary>Waits for the message and for the producer's post-work (observers, tracing), as <c>await stream</c> does.</summary>
    /// <param name="cancellationToken">Cancels this wait only; the stream and its other consumers carry on.</param>
    /// <returns>The message.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired, or the stream was closed before it completed.</exception>
    /// <exception cref="Exception">The stream's error, the same instance for every consumer.</exception>
    /// <remarks>Runs the lazy start.</remarks>
    public Task<AIMessage> GetMessageAsync(CancellationToken cancellationToken = default) => MarkObserved(GetMessageCoreAsync(cancellationToken));

    /// <summary>Waits for the message and for the producer's post-work.</summary>
    private async Task<AIMessage> GetMessageCoreAsync(CancellationToken cancellationToken)
    {
        await WaitForTerminalAsync(cancellationToken).ConfigureAwait(false);
        await WaitForProducerAsync(cancellationToken).ConfigureAwait(false);
        if (_state != StreamState.Completed)
        {
            ThrowError();
        }

        return _message!;
    }

    /// <summary>Runs the lazy start, then pumps or waits until the stream ends.</summary>
    private async Task WaitForTerminalAsync(CancellationToken cancellationToken)
    {
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        while (_state == StreamState.Running)
        {
            Task? pump = StartPump();
            if (pump is null)
            {
                await _terminal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            await pump.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the start callback and the producer to finish, for this caller only.</summary>
    private ValueTask WaitForProducerAsync(CancellationToken cancellationToken)
    {
        Task? start = Volatile.Read(ref _startTask);
        return start is null && Volatile.Read(ref _producer) is null ? default : WaitAsync(start, cancellationToken);

        async ValueTask WaitAsync(Task? start, CancellationToken cancellationToken)
        {
            if (start is not null)
            {
                await start.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            // Read after the start finished: the start is what attaches the producer.
            if (Volatile.Read(ref _producer) is { } producer)
            {
                await producer.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs the start callback the first time it is needed; returns the task every consumer waits on.</summary>
    private Task EnsureStarted()
    {
        Func<CancellationToken, ValueTask> start;
        TaskCompletionSource started;
        lock (_gate)
        {
            if (_startTask is not null)
            {
                return _startTask;
            }

            if (_start is null || _startClosed)
            {
                return Task.CompletedTask;
            }

            start = _start;
            started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _startTask = started.Task;
        }

        _ = RunStartAsync(start, started);
        return started.Task;
    }

    /// <summary>Runs the start callback; a throw fails the stream, and the returned task never faults.</summary>
    private async Task RunStartAsync(Func<CancellationToken, ValueTask> start, TaskCompletionSource started)
    {
        try
        {
            await start(CloseToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever the start throws is the stream's error (DESIGN 3.3).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Fail(ex);
        }
        finally
        {
            started.TrySetResult();
        }
    }

    /// <summary>Starts a pump run, or returns the one in flight; <see langword="null"/> when no pump is installed.</summary>
    private Task? StartPump()
    {
        Func<CancellationToken, ValueTask<bool>> pump;
        TaskCompletionSource run;
        lock (_gate)
        {
            if (_state != StreamState.Running)
            {
                return Task.CompletedTask;
            }

            if (_pumpInFlight is not null)
            {
                return _pumpInFlight;
            }

            if (_requestMore is null)
            {
                return null;
            }

            pump = _requestMore;
            run = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _pumpInFlight = run.Task;
        }

        _ = RunPumpAsync(pump, run);
        return run.Task;
    }

    /// <summary>Runs the pump once; exhaustion before the message finished, or a throw, fails the stream.</summary>
    private async Task RunPumpAsync(Func<CancellationToken, ValueTask<bool>> pump, TaskCompletionSource run)
    {
        try
        {
            if (!await pump(CloseToken).ConfigureAwait(false))
            {
                // DESIGN 4.4: a dry pump is an error, never a silent end with no message.
                Fail(new InvalidOperationException("The stream's pump ran dry before message-finish: its source ended without finishing the message."));
            }
        }
#pragma warning disable CA1031 // Whatever the pump throws is the stream's error (DESIGN 3.3).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Fail(ex);
        }
        finally
        {
            lock (_gate)
            {
                _pumpInFlight = null;
            }

            run.TrySetResult();
        }
    }

    /// <summary>Cancels the producer's token; a failing cancellation callback must not fail the close.</summary>
    private static void CancelProducer(CancellationTokenSource? source)
    {
        try
        {
            source?.Cancel();
        }
        catch (AggregateException)
        {
            // Callbacks registered by the source (HTTP stack, user code) threw; the stream is already closed.
        }
    }
}
