using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Spectre.Console;

namespace ChatStreams.Cli;

/// <summary>
/// Renders the answer in an interactive terminal with Spectre.Console: reasoning dimmed under its own heading,
/// text as it arrives, tool calls with their arguments growing live, then a dimmed summary.
/// </summary>
internal sealed class TerminalRenderer(IAnsiConsole console, TextWriter stderr, bool showReasoning) : IStreamRenderer
{
    /// <summary>The style of reasoning.</summary>
    private static readonly Style s_reasoning = new(Color.Grey, decoration: Decoration.Dim | Decoration.Italic);

    /// <summary>The style of tool-call arguments.</summary>
    private static readonly Style s_arguments = new(Color.Cyan);

    /// <summary>The wire indices of the tool-call blocks, to close their line at finish.</summary>
    private readonly HashSet<int> _toolBlocks = [];

    /// <inheritdoc/>
    public void OnEvent(StreamEvent streamEvent)
    {
        switch (streamEvent)
        {
            case ContentBlockStartEvent { Content: ReasoningBlock } when showReasoning:
                console.Write(new Text("thinking: ", s_reasoning));
                break;
            case ContentBlockDeltaEvent { Delta: ReasoningDelta reasoning } when showReasoning:
                console.Write(new Text(reasoning.Reasoning, s_reasoning));
                break;
            case ContentBlockFinishEvent { Content: ReasoningBlock } when showReasoning:
                console.WriteLine();
                console.WriteLine();
                break;
            case ContentBlockDeltaEvent { Delta: TextDelta text }:
                console.Write(new Text(text.Text));
                break;
            case ContentBlockStartEvent { Content: ToolCallChunkBlock call } start:
                _toolBlocks.Add(start.Index);
                console.WriteLine();
                console.Markup($"[yellow]⚙ {Markup.Escape(call.Name ?? "tool")}[/] ");
                break;
            case ContentBlockDeltaEvent { Delta: ToolCallDelta args }:
                console.Write(new Text(args.Args, s_arguments));
                break;
            case ContentBlockFinishEvent finish when finish.Index is { } index && _toolBlocks.Remove(index):
                console.WriteLine();
                break;
        }
    }

    /// <inheritdoc/>
    public void OnCompleted(AIMessage message, RunTiming timing)
    {
        console.WriteLine();
        console.WriteLine();
        console.Write(new Text(Summary.Of(message, timing, CultureInfo.CurrentCulture) + Environment.NewLine, new Style(Color.Grey, decoration: Decoration.Dim)));
    }

    /// <inheritdoc/>
    public void OnFailed(Exception error, bool verbose)
    {
        // What was printed stays; the error itself goes to stderr, one line (DESIGN 3.6).
        console.WriteLine();
        stderr.WriteLine($"error: {ErrorCodes.Line(error)}");
        if (verbose)
        {
            stderr.WriteLine(error.ToString());
        }
    }
}
