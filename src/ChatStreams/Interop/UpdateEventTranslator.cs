using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>
/// Turns <see cref="ChatResponseUpdate"/>s into protocol events: one block per run of text or reasoning, one block
/// per function call, usage summed, the finish reason and ids kept.
/// </summary>
internal sealed class UpdateEventTranslator
{
    /// <summary>The provider name for <c>message-start</c> metadata.</summary>
    private readonly string _provider;

    /// <summary>The events to yield for the current update.</summary>
    private readonly List<StreamEvent> _pending = [];

    /// <summary>The text of the open text or reasoning block.</summary>
    private readonly StringBuilder _open = new();

    /// <summary>The first non-empty <see cref="ChatResponseUpdate.MessageId"/>.</summary>
    private string? _messageId;

    /// <summary>The first non-empty <see cref="ChatResponseUpdate.ResponseId"/>.</summary>
    private string? _responseId;

    /// <summary>The model the updates named.</summary>
    private string? _modelId;

    /// <summary>Whether <c>message-start</c> was emitted.</summary>
    private bool _started;

    /// <summary>The wire index of the next block.</summary>
    private int _nextIndex;

    /// <summary>The kind of the open block, or <see langword="null"/> when none is open.</summary>
    private BlockKind? _openKind;

    /// <summary>The reasoning's protected data (signature), kept for its finish.</summary>
    private string? _protectedData;

    /// <summary>The summed usage, or <see langword="null"/> when no update carried any.</summary>
    private UsageDetails? _usage;

    /// <summary>The finish reason the updates gave.</summary>
    private string? _finishReason;

    /// <summary>Initializes the translator.</summary>
    /// <param name="provider">The provider name.</param>
    public UpdateEventTranslator(string provider) => _provider = provider;

    /// <summary>Translates one update.</summary>
    /// <param name="update">The update.</param>
    /// <returns>The events it produces, valid until the next call.</returns>
    public List<StreamEvent> Translate(ChatResponseUpdate update)
    {
        _pending.Clear();
        _messageId ??= NonEmpty(update.MessageId);
        _responseId ??= NonEmpty(update.ResponseId);
        _modelId ??= NonEmpty(update.ModelId);
        _finishReason = update.FinishReason?.Value ?? _finishReason;
        foreach (AIContent content in update.Contents)
        {
            switch (content)
            {
                case TextContent { Text.Length: > 0 } text:
                    Append(BlockKind.Text, text.Text);
                    break;
                case TextReasoningContent reasoning:
                    Append(BlockKind.Reasoning, reasoning.Text);
                    _protectedData = reasoning.ProtectedData ?? _protectedData;
                    break;
                case FunctionCallContent call:
                    AddCall(call);
                    break;
                case UsageContent usage:
                    (_usage ??= new UsageDetails()).Add(usage.Details);
                    break;
            }
        }

        if (update.FinishReason is not null || update.Contents.Count > 0)
        {
            EnsureStarted();
        }

        return _pending;
    }

    /// <summary>Ends the message: closes the open block and emits <c>message-finish</c>, or nothing for an empty response.</summary>
    /// <returns>The events.</returns>
    public List<StreamEvent> Complete()
    {
        _pending.Clear();
        if (!_started)
        {
            return _pending;
        }

        CloseBlock();
        UsageInfo? usage = _usage is null ? null : new UsageInfo(
            ToInt(_usage.InputTokenCount),
            ToInt(_usage.OutputTokenCount),
            ToInt(_usage.TotalTokenCount),
            _usage.CachedInputTokenCount is { } cached ? new InputTokenDetails(CacheRead: ToInt(cached)) : null,
            _usage.ReasoningTokenCount is { } reasoning ? new OutputTokenDetails(Reasoning: ToInt(reasoning)) : null);
        _pending.Add(new MessageFinishEvent(usage, _finishReason, null));
        return _pending;
    }

    /// <summary>Appends text or reasoning, opening a new block when the kind changes.</summary>
    private void Append(BlockKind kind, string text)
    {
        if (_openKind != kind)
        {
            CloseBlock();
            EnsureStarted();
            _openKind = kind;
            _pending.Add(new ContentBlockStartEvent(_nextIndex, kind == BlockKind.Text ? new TextBlock(string.Empty) : new ReasoningBlock(string.Empty)));
        }

        if (text.Length > 0)
        {
            _open.Append(text);
            _pending.Add(new ContentBlockDeltaEvent(_nextIndex, kind == BlockKind.Text ? new TextDelta(text) : new ReasoningDelta(text)));
        }
    }

    /// <summary>Emits a whole function call as one block: start with id and name, the arguments, the finish.</summary>
    private void AddCall(FunctionCallContent call)
    {
        CloseBlock();
        EnsureStarted();
        int index = _nextIndex++;
        _pending.Add(new ContentBlockStartEvent(index, new ToolCallChunkBlock(call.CallId, call.Name, string.Empty)));
        if (call.Exception is { } error)
        {
            _pending.Add(new ContentBlockFinishEvent(index, new InvalidToolCallBlock(call.CallId, call.Name, null, error.Message)));
            return;
        }

        JsonElement args = ToolArguments.ToJson(call.Arguments);
        _pending.Add(new ContentBlockDeltaEvent(index, new ToolCallDelta(JsonValues.Compact(args))));
        _pending.Add(new ContentBlockFinishEvent(index, new ToolCallBlock(call.CallId, call.Name, args)));
    }

    /// <summary>Finishes the open text or reasoning block with what it streamed.</summary>
    private void CloseBlock()
    {
        if (_openKind is not { } kind)
        {
            return;
        }

        string text = _open.ToString();
        ContentBlock finish = kind == BlockKind.Text
            ? new TextBlock(text)
            : new ReasoningBlock(text)
            {
                Extras = _protectedData is null ? null : new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["signature"] = JsonValues.FromString(_protectedData) },
            };
        _pending.Add(new ContentBlockFinishEvent(_nextIndex++, finish));
        _open.Clear();
        _openKind = null;
        _protectedData = null;
    }

    /// <summary>Emits <c>message-start</c> before the first content, with the best id known so far.</summary>
    private void EnsureStarted()
    {
        if (_started)
        {
            return;
        }

        _started = true;
        _pending.Insert(0, new MessageStartEvent(_messageId ?? _responseId, new MessageMetadata { Provider = _provider, Model = _modelId }, null));
    }

    /// <summary>Maps an empty string to <see langword="null"/>.</summary>
    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>Narrows a token count, saturating instead of overflowing.</summary>
    private static int? ToInt(long? value) => value is { } v ? (int)Math.Clamp(v, int.MinValue, int.MaxValue) : null;
}
