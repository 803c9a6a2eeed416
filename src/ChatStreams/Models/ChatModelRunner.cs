using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>
/// The driver of one run (spec section d, with DESIGN 3.5's rules): lazy start, the producer that dispatches the
/// source's events, the synthetic finish, observers and telemetry.
/// </summary>
internal sealed class ChatModelRunner
{
    /// <summary>The model.</summary>
    private readonly ChatModel _model;

    /// <summary>The stream this run feeds.</summary>
    private readonly ChatModelStream _stream;

    /// <summary>The conversation.</summary>
    private readonly ChatMessage[] _messages;

    /// <summary>The request options.</summary>
    private readonly ChatOptions? _options;

    /// <summary>The observers, copied when the stream was created.</summary>
    private readonly ChatModelObserver[] _observers;

    /// <summary>The caller's ambient span when the stream was created: the parent of this run's span.</summary>
    private readonly ActivityContext _parent;

    /// <summary>The caller's token registration, released when the run ends.</summary>
    private CancellationTokenRegistration _callerRegistration;

    /// <summary>Initializes the runner; nothing runs yet.</summary>
    public ChatModelRunner(ChatModel model, ChatModelStream stream, ChatMessage[] messages, ChatOptions? options, ChatModelObserver[] observers, ActivityContext parent)
    {
        _model = model;
        _stream = stream;
        _messages = messages;
        _options = options;
        _observers = observers;
        _parent = parent;
    }

    /// <summary>Makes the caller's token close the stream: before the start that means no run at all.</summary>
    /// <param name="cancellationToken">The token given to <see cref="ChatModel.Stream"/>.</param>
    public void LinkCallerToken(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _callerRegistration = cancellationToken.UnsafeRegister(static s => _ = ((ChatModelStream)s!).CloseAsync().AsTask(), _stream);
        }
    }

    /// <summary>The stream's lazy start: opens the span, names the message and launches the producer.</summary>
    /// <param name="closeToken">The stream's own token, cancelled by close or the caller's token.</param>
    /// <returns>A completed task: consumers wait for events, not for the observers.</returns>
    public ValueTask StartAsync(CancellationToken closeToken)
    {
        string runId = Guid.NewGuid().ToString("N");
        var run = new ChatModelRun(runId, _model, _messages, _options, _model.TimeProvider.GetUtcNow());

        // DESIGN 4.6: the generated id stands until the provider's message-start carries one.
        _stream.SetMessageId("run-" + runId);
        RunTelemetry telemetry = RunTelemetry.Start(_model, _messages, _options, _parent);
        _stream.AttachProducer(Task.Run(() => ProduceAsync(run, telemetry, closeToken), CancellationToken.None));
        return default;
    }

    /// <summary>Runs the observers' start, the source, then exactly one of the end or error callbacks; never faults.</summary>
    private async Task ProduceAsync(ChatModelRun run, RunTelemetry telemetry, CancellationToken closeToken)
    {
        try
        {
            foreach (ChatModelObserver observer in _observers)
            {
                await Isolated(() => observer.OnStartAsync(run)).ConfigureAwait(false);
            }

            if (!_stream.IsDone)
            {
                await PumpSourceAsync(run, telemetry, closeToken).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // A fault of the driver itself must still end the stream and the run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _stream.Fail(ex);
        }

        await EndAsync(run, telemetry).ConfigureAwait(false);
        await _callerRegistration.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Dispatches the source's events until the stream ends, then disposes the source without cancelling it.</summary>
    private async Task PumpSourceAsync(ChatModelRun run, RunTelemetry telemetry, CancellationToken closeToken)
    {
        IAsyncEnumerator<StreamEvent>? source = null;
        try
        {
            bool any = false;
            source = _model.OpenSource(_messages, _options, closeToken).GetAsyncEnumerator(closeToken);
            while (true)
            {
                bool more;
                try
                {
                    more = await source.MoveNextAsync().ConfigureAwait(false);
                }
#pragma warning disable CA1031 // DESIGN 3.5: the stream fails with the exact instance the source threw; after a close it is ignored.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    _stream.Fail(ex);
                    return;
                }

                if (!more)
                {
                    break;
                }

                any = true;
                Dispatch(run, telemetry, source.Current);
                if (_stream.IsDone)
                {
                    // DESIGN 3.5: after message-finish or an error event the driver stops reading the source.
                    return;
                }
            }

            if (!any)
            {
                _stream.Fail(new ChatModelException("The model produced no events.") { Provider = _model.ProviderName });
            }
            else if (!_stream.IsDone)
            {
                Dispatch(run, telemetry, new MessageFinishEvent(null, null, null));
            }
        }
        finally
        {
            if (source is not null)
            {
                await DisposeSourceAsync(source).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Dispatches one event, then tells telemetry and the observers.</summary>
    private void Dispatch(ChatModelRun run, RunTelemetry telemetry, StreamEvent streamEvent)
    {
        ArgumentNullException.ThrowIfNull(streamEvent, nameof(streamEvent));
        _stream.Dispatch(streamEvent);
        telemetry.OnEvent(streamEvent);
        foreach (ChatModelObserver observer in _observers)
        {
            try
            {
                observer.OnEvent(run, streamEvent);
            }
#pragma warning disable CA1031 // Observers are isolated (DESIGN 3.4).
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    /// <summary>Disposes the source; a throw from its disposal fails only a stream that has not ended.</summary>
    private async Task DisposeSourceAsync(IAsyncEnumerator<StreamEvent> source)
    {
        try
        {
            await source.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The first terminal state wins; a late disposal error changes nothing.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _stream.Fail(ex);
        }
    }

    /// <summary>Reports the outcome: exactly one of the end or error callbacks, and the span's end.</summary>
    private async Task EndAsync(ChatModelRun run, RunTelemetry telemetry)
    {
        if (_stream.OutputMessage is { } message)
        {
            telemetry.Complete(message);
            foreach (ChatModelObserver observer in _observers)
            {
                await Isolated(() => observer.OnEndAsync(run, message)).ConfigureAwait(false);
            }

            return;
        }

        Exception error = _stream.Error ?? new InvalidOperationException("The run ended without a message or an error.");
        telemetry.Fail(error);
        foreach (ChatModelObserver observer in _observers)
        {
            await Isolated(() => observer.OnErrorAsync(run, error)).ConfigureAwait(false);
        }
    }

    /// <summary>Awaits an observer callback, swallowing what it throws (DESIGN 3.4: observers are isolated).</summary>
    private static async ValueTask Isolated(Func<ValueTask> callback)
    {
        try
        {
            await callback().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // An observer that throws never changes the stream's outcome.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
