using System;
using System.Threading.Tasks;

namespace ChatStreams;

/// <summary>
/// Represents a callback sink for the runs of a <see cref="ChatModel"/>; override what you need, every member is
/// a no-op by default.
/// </summary>
/// <remarks>
/// For every started run: <see cref="OnStartAsync"/> once, <see cref="OnEvent"/> per dispatched event, then
/// exactly one of <see cref="OnEndAsync"/> or <see cref="OnErrorAsync"/>, on success, provider failure,
/// <c>error</c> event, empty source, cancellation and close alike. Callbacks run on the run's producer task, on
/// the thread pool, one at a time per run. An observer that throws is isolated: the stream's outcome does not
/// change and the other observers still run. A run closed before it started calls no observer.
/// </remarks>
public abstract class ChatModelObserver
{
    /// <summary>Called when a run starts, before the provider's source is enumerated.</summary>
    /// <param name="run">The run.</param>
    /// <returns>A task that completes when the observer is done.</returns>
    public virtual ValueTask OnStartAsync(ChatModelRun run) => default;

    /// <summary>Called after each event is dispatched to the stream, the synthetic <c>message-finish</c> included.</summary>
    /// <param name="run">The run.</param>
    /// <param name="streamEvent">The event.</param>
    public virtual void OnEvent(ChatModelRun run, StreamEvent streamEvent)
    {
    }

    /// <summary>Called once when the run produced its message; <c>await stream</c> waits for it.</summary>
    /// <param name="run">The run.</param>
    /// <param name="message">The message.</param>
    /// <returns>A task that completes when the observer is done.</returns>
    public virtual ValueTask OnEndAsync(ChatModelRun run, AIMessage message) => default;

    /// <summary>Called once when the run failed, was cancelled or closed; receives the instance <see cref="ChatModelStream.Error"/> holds.</summary>
    /// <param name="run">The run.</param>
    /// <param name="error">The error.</param>
    /// <returns>A task that completes when the observer is done.</returns>
    public virtual ValueTask OnErrorAsync(ChatModelRun run, Exception error) => default;
}
