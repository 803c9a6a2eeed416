using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>
/// Turns a stream's raw events into <see cref="ChatResponseUpdate"/>s: text and reasoning as they stream, and at the
/// end one update with the function calls, the usage (once) and the finish reason.
/// </summary>
internal sealed class EventUpdateTranslator
{
    /// <summary>The stream, for its message id.</summary>
    private readonly ChatModelStream _stream;

    /// <summary>The text or reasoning each block index streamed so far, to push the tail an authoritative finish adds.</summary>
    private readonly Dictionary<int, StringBuilder> _streamed = [];

    /// <summary>The model the provider reported.</summary>
    private string? _modelId;

    /// <summary>Initializes the translator.</summary>
    /// <param name="stream">The stream whose events it translates.</param>
    public EventUpdateTranslator(ChatModelStream stream) => _stream = stream;

    /// <summary>Translates one event; most events have no update of their own.</summary>
    /// <param name="streamEvent">The event.</param>
    /// <returns>The update, or <see langword="null"/>.</returns>
    public ChatResponseUpdate? Translate(StreamEvent streamEvent)
    {
        switch (streamEvent)
        {
            case MessageStartEvent start:
                _modelId = start.Metadata?.Model ?? _modelId;
                return null;
            case ContentBlockDeltaEvent { Delta: TextDelta { Text.Length: > 0 } text } delta:
                Track(delta.Index, text.Text);
                return Update(new TextContent(text.Text), streamEvent);
            case ContentBlockDeltaEvent { Delta: ReasoningDelta { Reasoning.Length: > 0 } reasoning } delta:
                Track(delta.Index, reasoning.Reasoning);
                return Update(new TextReasoningContent(reasoning.Reasoning), streamEvent);
            case ContentBlockFinishEvent { Content: TextBlock text } finish when Tail(finish.Index, text.Text) is { } tail:
                return Update(new TextContent(tail), streamEvent);
            case ContentBlockFinishEvent { Content: ReasoningBlock reasoning } finish:
                string? reasoningTail = Tail(finish.Index, reasoning.Reasoning ?? string.Empty);
                string? signature = AIMessage.ToContent(reasoning) is TextReasoningContent { ProtectedData: { } data } ? data : null;
                return reasoningTail is null && signature is null
                    ? null
                    : Update(new TextReasoningContent(reasoningTail ?? string.Empty) { ProtectedData = signature }, streamEvent);
            default:
                return null;
        }
    }

    /// <summary>Builds the last update: function calls, usage and finish reason of the completed message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The update.</returns>
    public ChatResponseUpdate Complete(AIMessage message)
    {
        var contents = new List<AIContent>();
        foreach (ToolCallBlock call in message.ToolCalls)
        {
            contents.Add(AIMessage.ToContent(call)!);
        }

        foreach (InvalidToolCallBlock invalid in message.InvalidToolCalls)
        {
            contents.Add(AIMessage.ToContent(invalid)!);
        }

        if (message.UsageMetadata is { } usage)
        {
            contents.Add(new UsageContent(AIMessage.ToUsageDetails(usage)));
        }

        ChatResponseUpdate update = Update(contents, message);
        update.FinishReason = message.FinishReason is { } reason ? new ChatFinishReason(reason) : null;
        update.ModelId = JsonValues.StringOf(message.ResponseMetadata, "model_name") ?? _modelId;
        return update;
    }

    /// <summary>Notes what a block streamed.</summary>
    private void Track(int? index, string text)
    {
        if (index is { } key)
        {
            if (!_streamed.TryGetValue(key, out StringBuilder? builder))
            {
                _streamed[key] = builder = new StringBuilder();
            }

            builder.Append(text);
        }
    }

    /// <summary>Returns the part of an authoritative finish text that extends what streamed, as the stream pushes it.</summary>
    private string? Tail(int? index, string full)
    {
        if (index is not { } key || full.Length == 0)
        {
            return null;
        }

        string streamed = _streamed.TryGetValue(key, out StringBuilder? builder) ? builder.ToString() : string.Empty;
        return full.Length > streamed.Length && full.StartsWith(streamed, StringComparison.Ordinal) ? full[streamed.Length..] : null;
    }

    /// <summary>Creates an update with one content.</summary>
    private ChatResponseUpdate Update(AIContent content, object raw) => Update([content], raw);

    /// <summary>Creates an assistant update carrying the message id as both message and response id.</summary>
    private ChatResponseUpdate Update(IList<AIContent> contents, object raw) => new(ChatRole.Assistant, contents)
    {
        MessageId = _stream.MessageId,
        ResponseId = _stream.MessageId,
        ModelId = _modelId,
        RawRepresentation = raw,
    };
}
