using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace ChatStreams.Cli;

/// <summary>
/// Writes the answer as plain text for redirected output: text and tool calls on stdout; reasoning, the summary
/// and errors on stderr, so a pipe receives only the answer.
/// </summary>
internal sealed class PlainRenderer(TextWriter stdout, TextWriter stderr, bool showReasoning) : IStreamRenderer
{
    /// <summary>The wire indices of the tool-call blocks, to close their line at finish.</summary>
    private readonly HashSet<int> _toolBlocks = [];

    /// <inheritdoc/>
    public void OnEvent(StreamEvent streamEvent)
    {
        switch (streamEvent)
        {
            case ContentBlockDeltaEvent { Delta: TextDelta text }:
                stdout.Write(text.Text);
                stdout.Flush();
                break;
            case ContentBlockDeltaEvent { Delta: ReasoningDelta reasoning } when showReasoning:
                stderr.Write(reasoning.Reasoning);
                break;
            case ContentBlockFinishEvent { Content: ReasoningBlock } when showReasoning:
                stderr.WriteLine();
                break;
            case ContentBlockStartEvent { Content: ToolCallChunkBlock call } start:
                _toolBlocks.Add(start.Index);
                stdout.Write($"{Environment.NewLine}[tool call] {call.Name} ");
                break;
            case ContentBlockDeltaEvent { Delta: ToolCallDelta args }:
                stdout.Write(args.Args);
                break;
            case ContentBlockFinishEvent finish when finish.Index is { } index && _toolBlocks.Remove(index):
                stdout.WriteLine();
                break;
        }
    }

    /// <inheritdoc/>
    public void OnCompleted(AIMessage message, RunTiming timing)
    {
        stdout.WriteLine();
        stdout.Flush();
        stderr.WriteLine(Summary.Of(message, timing, CultureInfo.InvariantCulture));
    }

    /// <inheritdoc/>
    public void OnFailed(Exception error, bool verbose)
    {
        stdout.WriteLine();
        stderr.WriteLine($"error: {ErrorCodes.Line(error)}");
        if (verbose)
        {
            stderr.WriteLine(error.ToString());
        }
    }
}
