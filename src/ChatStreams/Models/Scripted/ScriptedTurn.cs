using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace ChatStreams;

/// <summary>
/// Represents one answer a <see cref="ScriptedChatModel"/> replays: its events, its pacing and the fault to inject.
/// </summary>
/// <param name="Events">The events, from <c>message-start</c> to <c>message-finish</c>.</param>
public sealed partial record ScriptedTurn(IReadOnlyList<StreamEvent> Events)
{
    /// <summary>Gets the delay before each event, driven by the model's <see cref="ChatModel.TimeProvider"/>.</summary>
    /// <value>Defaults to <see cref="TimeSpan.Zero"/>.</value>
    public TimeSpan Delay { get; init; }

    /// <summary>Gets the position of the event before which <see cref="Failure"/> is thrown, or <see langword="null"/>.</summary>
    public int? FailAtEvent { get; init; }

    /// <summary>Gets the exception thrown at <see cref="FailAtEvent"/>.</summary>
    /// <value>Defaults to a <see cref="ChatModelException"/> saying the failure was scripted.</value>
    public Exception? Failure { get; init; }

    /// <summary>Gets the position of the event before which the turn waits until it is cancelled, or <see langword="null"/>.</summary>
    public int? StallAtEvent { get; init; }

    /// <summary>Gets a value indicating whether the turn ends without its <c>message-finish</c>, as a cut stream would.</summary>
    public bool EndWithoutFinish { get; init; }

    /// <summary>Creates a turn from events.</summary>
    /// <param name="events">The events.</param>
    /// <returns>The turn.</returns>
    public static ScriptedTurn FromEvents(params IEnumerable<StreamEvent> events) => new([.. events]);

    /// <summary>Creates a turn that replays a finished message (spec f.6).</summary>
    /// <param name="message">The message.</param>
    /// <returns>The turn.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    public static ScriptedTurn FromMessage(AIMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new([.. message.ToStreamEvents()]);
    }

    /// <summary>Converts a finished message to the turn that replays it, so models can be scripted with messages directly.</summary>
    /// <param name="message">The message.</param>
    public static implicit operator ScriptedTurn(AIMessage message) => FromMessage(message);

    /// <summary>Creates a turn that streams <paramref name="text"/> word by word, optionally after some reasoning.</summary>
    /// <param name="text">The answer.</param>
    /// <param name="reasoning">The reasoning streamed first, or <see langword="null"/>.</param>
    /// <param name="usage">The usage reported at the end, or <see langword="null"/>.</param>
    /// <returns>The turn.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static ScriptedTurn FromText(string text, string? reasoning = null, UsageInfo? usage = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var events = new List<StreamEvent> { new MessageStartEvent(null, new MessageMetadata { Provider = "scripted", Model = "scripted" }, null) };
        int index = 0;
        if (!string.IsNullOrEmpty(reasoning))
        {
            AddBlock(events, index++, new ReasoningBlock(string.Empty), Words(reasoning).Select(w => new ReasoningDelta(w)), new ReasoningBlock(reasoning));
        }

        AddBlock(events, index, new TextBlock(string.Empty), Words(text).Select(w => new TextDelta(w)), new TextBlock(text));
        events.Add(new MessageFinishEvent(usage, "stop", null));
        return new(events);
    }

    /// <summary>Creates a turn that asks for tool calls, as a model does before a tool loop continues.</summary>
    /// <param name="calls">The calls; their arguments must be JSON objects.</param>
    /// <returns>The turn, finishing with <c>tool_calls</c>.</returns>
    public static ScriptedTurn FromToolCalls(params IEnumerable<ToolCallBlock> calls)
    {
        ToolCallBlock[] list = [.. calls];
        return FromMessage(new AIMessage { Content = list, ToolCalls = list, FinishReason = "tool_calls" });
    }

    /// <summary>Adds a block's start, deltas and finish.</summary>
    private static void AddBlock(List<StreamEvent> events, int index, ContentBlock start, IEnumerable<ContentBlockDelta> deltas, ContentBlock finish)
    {
        events.Add(new ContentBlockStartEvent(index, start));
        events.AddRange(deltas.Select(d => new ContentBlockDeltaEvent(index, d)));
        events.Add(new ContentBlockFinishEvent(index, finish));
    }

    /// <summary>Splits text into words that keep their leading spaces, so they join back exactly.</summary>
    private static IEnumerable<string> Words(string text) => WordPattern().Matches(text).Select(m => m.Value);

    /// <summary>A word with the white space before it.</summary>
    [GeneratedRegex(@"\s*\S+|\s+$")]
    private static partial Regex WordPattern();
}
