using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ChatStreams;

/// <summary>
/// Owns all per-message state of a <see cref="ChatModelStream"/>: per-block text, reasoning, tool-call and media
/// state, usage, metadata, and the assembly of the <see cref="AIMessage"/>. It pushes projection items into the
/// stream's logs as it goes.
/// </summary>
/// <remarks>
/// Not thread-safe: the stream calls it under its lock. It never mutates an event; everything it keeps is
/// either immutable or its own copy.
/// </remarks>
internal sealed partial class MessageAccumulator
{
    /// <summary>The text projection's log.</summary>
    private readonly ItemLog<string> _text;

    /// <summary>The reasoning projection's log.</summary>
    private readonly ItemLog<string> _reasoning;

    /// <summary>The tool-call projection's log.</summary>
    private readonly ItemLog<ToolCallChunk> _toolChunks;

    /// <summary>The usage projection's log.</summary>
    private readonly ItemLog<UsageInfo> _usage;

    /// <summary>The state of each wire index.</summary>
    private readonly Dictionary<int, BlockState> _blocks = [];

    /// <summary>Finished blocks whose finish event carried no index, in arrival order.</summary>
    private readonly List<ContentBlock> _unindexedFinished = [];

    /// <summary>The finished client tool calls, in finish order, without extras.</summary>
    private readonly List<ToolCallBlock> _toolCalls = [];

    /// <summary>The invalid tool calls, in finish order.</summary>
    private readonly List<InvalidToolCallBlock> _invalidToolCalls = [];

    /// <summary>The block the last delta went to: consecutive deltas almost always share an index.</summary>
    private BlockState? _lastBlock;

    /// <summary>The tool call an index-less <see cref="ToolCallDelta"/> appends to.</summary>
    private BlockState? _lastToolChunk;

    /// <summary>Index-less text deltas (legacy streams).</summary>
    private BlockState? _unindexedText;

    /// <summary>Index-less reasoning deltas (legacy streams).</summary>
    private BlockState? _unindexedReasoning;

    /// <summary>The highest wire index seen, for index-less tool chunks that need a fresh one.</summary>
    private int _maxKey = -1;

    /// <summary>The metadata of <c>message-start</c>.</summary>
    private MessageMetadata? _startMetadata;

    /// <summary>The latest usage seen on any event, for snapshots.</summary>
    private UsageInfo? _latestUsage;

    /// <summary>The last <see cref="UsageEvent"/>'s usage: the final usage when <c>message-finish</c> has none.</summary>
    private UsageInfo? _lastUsageEvent;

    /// <summary>Initializes the accumulator over the stream's projection logs.</summary>
    /// <param name="text">The text log.</param>
    /// <param name="reasoning">The reasoning log.</param>
    /// <param name="toolChunks">The tool-call log.</param>
    /// <param name="usage">The usage log.</param>
    public MessageAccumulator(ItemLog<string> text, ItemLog<string> reasoning, ItemLog<ToolCallChunk> toolChunks, ItemLog<UsageInfo> usage)
    {
        _text = text;
        _reasoning = reasoning;
        _toolChunks = toolChunks;
        _usage = usage;
    }

    /// <summary>Gets the non-empty id of <c>message-start</c>, if one came.</summary>
    public string? StartId { get; private set; }

    /// <summary>Applies one event.</summary>
    /// <param name="streamEvent">The event.</param>
    /// <returns>The finish event when the message is now complete (call <see cref="Complete"/>), else <see langword="null"/>.</returns>
    public MessageFinishEvent? Apply(StreamEvent streamEvent)
    {
        switch (streamEvent)
        {
            case ContentBlockDeltaEvent delta:
                ApplyDelta(delta.Index, delta.Delta);
                break;
            case ContentBlockStartEvent start:
                ApplyStart(start.Index, start.Content);
                break;
            case ContentBlockFinishEvent finish:
                ApplyFinish(finish.Index, finish.Content);
                break;
            case MessageStartEvent start:
                // Spec b.2: a truthy id replaces the message id; an empty id is no id.
                if (!string.IsNullOrEmpty(start.Id))
                {
                    StartId = start.Id;
                }

                _startMetadata = start.Metadata ?? _startMetadata;
                _latestUsage = start.Usage ?? _latestUsage;
                break;
            case UsageEvent usage:
                _latestUsage = _lastUsageEvent = usage.Usage;
                _usage.Append(usage.Usage);
                break;
            case MessageFinishEvent finish:
                return finish;
        }

        return null;
    }

    /// <summary>Records a block's start skeleton; tool calls take their id and name from it.</summary>
    private void ApplyStart(int index, ContentBlock content)
    {
        BlockKind kind = KindOf(content);
        BlockState state = GetOrCreate(index, kind);
        state.Kind = kind;
        state.Start = content;
        switch (content)
        {
            case ToolCallChunkBlock chunk:
                StartTool(state, chunk.Id, chunk.Name, chunk.Args);
                break;
            case ToolCallBlock call:
                StartTool(state, call.Id, call.Name, null);
                break;
            case ServerToolCallChunkBlock serverChunk:
                StartTool(state, serverChunk.Id, serverChunk.Name, serverChunk.Args);
                break;
            case ServerToolCallBlock serverCall:
                StartTool(state, serverCall.Id, serverCall.Name, null);
                break;
        }
    }

    /// <summary>Seeds a tool call's record from its skeleton.</summary>
    private void StartTool(BlockState state, string? id, string? name, string? args)
    {
        ToolChunkState tool = state.Tool ??= new ToolChunkState();
        tool.TakeIdentity(id, name);
        if (!string.IsNullOrEmpty(args))
        {
            tool.Args.Append(args);
        }

        if (state.Kind == BlockKind.ToolChunk)
        {
            _lastToolChunk = state;
        }
    }

    /// <summary>Returns the state of a wire index, creating it with <paramref name="kind"/> on first sight.</summary>
    private BlockState GetOrCreate(int key, BlockKind kind)
    {
        if (_lastBlock is { } last && last.Key == key)
        {
            return last;
        }

        if (!_blocks.TryGetValue(key, out BlockState? state))
        {
            state = new BlockState(key, kind);
            _blocks.Add(key, state);
            _maxKey = Math.Max(_maxKey, key);
        }

        _lastBlock = state;
        return state;
    }

    /// <summary>Decides what a block type holds.</summary>
    private static BlockKind KindOf(ContentBlock block) => block switch
    {
        TextBlock => BlockKind.Text,
        ReasoningBlock => BlockKind.Reasoning,
        ToolCallChunkBlock or ToolCallBlock or InvalidToolCallBlock => BlockKind.ToolChunk,
        ServerToolCallChunkBlock or ServerToolCallBlock => BlockKind.ServerToolChunk,
        MediaBlock => BlockKind.Media,
        _ => BlockKind.Other,
    };
}
