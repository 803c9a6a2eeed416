using System;

namespace ChatStreams.Cli;

/// <summary>Shows one streaming answer: each event as it arrives, then the outcome.</summary>
internal interface IStreamRenderer
{
    /// <summary>Shows one event.</summary>
    /// <param name="streamEvent">The event.</param>
    void OnEvent(StreamEvent streamEvent);

    /// <summary>Shows the completed message and its timing.</summary>
    /// <param name="message">The message.</param>
    /// <param name="timing">When the answer started and finished.</param>
    void OnCompleted(AIMessage message, RunTiming timing);

    /// <summary>Shows a failure: one clear line, and detail when verbose.</summary>
    /// <param name="error">The error.</param>
    /// <param name="verbose">Whether to show detail.</param>
    void OnFailed(Exception error, bool verbose);
}
