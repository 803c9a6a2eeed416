using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace ChatStreams.Cli;

/// <summary>Runs one answer through a renderer and maps the outcome to the exit code.</summary>
internal static class StreamRunner
{
    /// <summary>Streams the answer.</summary>
    /// <param name="model">The model.</param>
    /// <param name="messages">The conversation.</param>
    /// <param name="options">The request options.</param>
    /// <param name="renderer">The renderer.</param>
    /// <param name="verbose">Whether failures show detail.</param>
    /// <param name="interrupt">Fires on Ctrl+C: the stream is closed, which aborts the provider's request.</param>
    /// <returns>0 on success, 1 on a model failure, 130 when interrupted.</returns>
    public static async Task<int> RunAsync(
        ChatModel model, IReadOnlyList<ChatMessage> messages, ChatOptions options, IStreamRenderer renderer, bool verbose, CancellationToken interrupt)
    {
        // The interrupt token closes the run, which aborts the provider's request; what was printed stays.
        ChatModelStream stream = model.Stream(messages, options, interrupt);
        await using (stream.ConfigureAwait(false))
        {
            long started = Stopwatch.GetTimestamp();
            TimeSpan? firstToken = null;
            try
            {
                await foreach (StreamEvent streamEvent in stream.WithCancellation(CancellationToken.None).ConfigureAwait(false))
                {
                    if (firstToken is null && streamEvent is ContentBlockDeltaEvent { Delta: TextDelta or ReasoningDelta })
                    {
                        firstToken = Stopwatch.GetElapsedTime(started);
                    }

                    renderer.OnEvent(streamEvent);
                }

                AIMessage message = await stream.GetMessageAsync(CancellationToken.None).ConfigureAwait(false);
                renderer.OnCompleted(message, new RunTiming(firstToken, Stopwatch.GetElapsedTime(started)));
                return ExitCodes.Success;
            }
            catch (OperationCanceledException ex) when (interrupt.IsCancellationRequested)
            {
                renderer.OnFailed(ex, verbose);
                return ExitCodes.Interrupted;
            }
#pragma warning disable CA1031 // Every failure of the model becomes one clear line and exit code 1.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                renderer.OnFailed(ex, verbose);
                return ExitCodes.ModelFailure;
            }
        }
    }
}
