using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace ChatStreams;

/// <summary>The sweep at <c>message-finish</c> and the assembly of the message (spec b.5, b.7; DESIGN 3.5 Values).</summary>
internal sealed partial class MessageAccumulator
{
    /// <summary>Finalizes every open block and assembles the message.</summary>
    /// <param name="finish">The <c>message-finish</c> event.</param>
    /// <param name="id">The message id.</param>
    /// <returns>The message.</returns>
    public AIMessage Complete(MessageFinishEvent finish, string? id)
    {
        if (finish.Usage is { } usage)
        {
            _latestUsage = usage;
            _usage.Append(usage);
        }

        // DESIGN 4.2: blocks still open are finalized from what streamed, in wire order.
        BlockState[] ordered = Ordered();
        foreach (BlockState state in ordered)
        {
            state.Final ??= Sweep(state);
        }

        if (_unindexedReasoning is { Final: null } reasoning)
        {
            reasoning.Final = Sweep(reasoning);
        }

        if (_unindexedText is { Final: null } text)
        {
            text.Final = Sweep(text);
        }

        (string? finishReason, IReadOnlyDictionary<string, JsonElement> metadata) = FinishMetadata(finish);
        return new AIMessage
        {
            Id = id,
            Content = Content(ordered, final: true),
            ToolCalls = [.. _toolCalls],
            InvalidToolCalls = [.. _invalidToolCalls],
            UsageMetadata = finish.Usage ?? _lastUsageEvent,
            ResponseMetadata = metadata,
            FinishReason = finishReason,
        };
    }

    /// <summary>Builds the message so far without changing any state.</summary>
    /// <param name="id">The message id.</param>
    /// <returns>Finished blocks as finalized, open text and reasoning as their text so far, open tool calls as chunks.</returns>
    public AIMessage Snapshot(string? id) => new()
    {
        Id = id,
        Content = Content(Ordered(), final: false),
        ToolCalls = [.. _toolCalls],
        InvalidToolCalls = [.. _invalidToolCalls],
        UsageMetadata = _latestUsage,
        ResponseMetadata = StartMetadata(),
    };

    /// <summary>Returns the indexed block states in wire order.</summary>
    private BlockState[] Ordered()
    {
        BlockState[] states = [.. _blocks.Values];
        Array.Sort(states, static (a, b) => a.Key!.Value.CompareTo(b.Key!.Value));
        return states;
    }

    /// <summary>Lists the content: index-less reasoning, indexed blocks, index-less finishes, index-less text.</summary>
    private List<ContentBlock> Content(BlockState[] ordered, bool final)
    {
        var content = new List<ContentBlock>(ordered.Length + _unindexedFinished.Count + 2);
        AddBlock(content, _unindexedReasoning, final);
        foreach (BlockState state in ordered)
        {
            AddBlock(content, state, final);
        }

        content.AddRange(_unindexedFinished);
        AddBlock(content, _unindexedText, final);
        return content;
    }

    /// <summary>Adds a state's finalized block, or, for a snapshot, its view so far.</summary>
    private static void AddBlock(List<ContentBlock> content, BlockState? state, bool final)
    {
        if (state is null)
        {
            return;
        }

        ContentBlock? block = state.Final ?? (final ? null : OpenView(state));
        if (block is not null)
        {
            content.Add(block);
        }
    }

    /// <summary>Finalizes an open block from what streamed; returns <see langword="null"/> when there is nothing to keep.</summary>
    private ContentBlock? Sweep(BlockState state) => state.Kind switch
    {
        BlockKind.ToolChunk or BlockKind.ServerToolChunk => FinalizeTool(state),
        _ => OpenView(state),
    };

    /// <summary>Shows an open block as it stands: text so far, a tool chunk, or its skeleton with the data so far.</summary>
    private static ContentBlock? OpenView(BlockState state)
    {
        BlockIndex? index = state.OwnIndex;
        switch (state.Kind)
        {
            case BlockKind.Text:
                string text = state.TextSoFar;
                return text.Length == 0 && state.Start is null ? null : (state.Start as TextBlock ?? new TextBlock(text)) with { Text = text, Index = index };
            case BlockKind.Reasoning:
                string reasoning = state.TextSoFar;
                return reasoning.Length == 0 && state.Start is null
                    ? null
                    : (state.Start as ReasoningBlock ?? new ReasoningBlock(null)) with { Reasoning = reasoning.Length > 0 ? reasoning : (state.Start as ReasoningBlock)?.Reasoning, Index = index };
            case BlockKind.ToolChunk:
                return new ToolCallChunkBlock(state.Tool?.Id, state.Tool?.Name, state.Tool?.Args.ToString() ?? string.Empty) { Index = index };
            case BlockKind.ServerToolChunk:
                return new ServerToolCallChunkBlock(state.Tool?.Id, state.Tool?.Name, state.Tool?.Args.ToString() ?? string.Empty) { Index = index };
            case BlockKind.Media when state.Start is MediaBlock media:
                return media with { Data = state.Text?.ToString() ?? media.Data, Index = index };
            default:
                return state.Start is null or UnknownBlock ? null : state.Start with { Index = index };
        }
    }

    /// <summary>
    /// Spec b.5 sweep of one tool record: arguments that parse to an object give a call (client calls carry no
    /// index, server calls keep it); anything else an <see cref="InvalidToolCallBlock"/> (DESIGN 4.3).
    /// </summary>
    private ContentBlock FinalizeTool(BlockState state)
    {
        ToolChunkState tool = state.Tool ??= new ToolChunkState();
        string raw = tool.Args.ToString();
        IReadOnlyDictionary<string, JsonElement>? extras = null;
        if (tool.Fields is { } fields && fields.TryGetValue("extras", out JsonElement extrasValue) && extrasValue.ValueKind == JsonValueKind.Object)
        {
            extras = PropertyBag.ToMap(extrasValue);
        }

        Dictionary<string, JsonElement>? rest = tool.Fields?.Where(static f => f.Key != "extras").ToDictionary(StringComparer.Ordinal);
        if (rest is { Count: 0 })
        {
            rest = null;
        }

        if (!ToolCallArguments.TryParse(raw, out JsonElement args, out string? error))
        {
            return AddInvalid(new InvalidToolCallBlock(tool.Id, tool.Name, raw, error) { Extras = extras, AdditionalProperties = rest });
        }

        if (state.Kind == BlockKind.ServerToolChunk)
        {
            return new ServerToolCallBlock(tool.Id ?? string.Empty, tool.Name ?? string.Empty, args)
            {
                Index = tool.SourceIndex ?? state.OwnIndex,
                Extras = extras,
                AdditionalProperties = rest,
            };
        }

        var call = new ToolCallBlock(tool.Id ?? string.Empty, tool.Name ?? string.Empty, args);
        _toolCalls.Add(call);
        return call with { Extras = extras, AdditionalProperties = rest };
    }

    /// <summary>
    /// DESIGN 3.5 Values: <c>model_provider</c>/<c>model_name</c> from the start, then the finish metadata (which
    /// wins), then our own <c>output_version</c>, <c>finish_reason</c> and <c>raw_finish_reason</c>.
    /// </summary>
    private (string? FinishReason, IReadOnlyDictionary<string, JsonElement> Metadata) FinishMetadata(MessageFinishEvent finish)
    {
        Dictionary<string, JsonElement> metadata = StartMetadata();
        IReadOnlyDictionary<string, JsonElement>? raw = finish.Metadata;
        if (raw is not null)
        {
            foreach ((string key, JsonElement value) in raw)
            {
                metadata[key] = value;
            }
        }

        metadata["output_version"] = JsonValues.V1;
        string? finishReason = finish.FinishReason ?? JsonValues.StringOf(raw, "finish_reason") ?? JsonValues.StringOf(raw, "stop_reason");
        if (finishReason is not null)
        {
            if (raw is not null && raw.TryGetValue("finish_reason", out JsonElement rawReason)
                && !(rawReason.ValueKind == JsonValueKind.String && rawReason.GetString() == finishReason))
            {
                metadata["raw_finish_reason"] = rawReason;
            }

            metadata["finish_reason"] = JsonValues.FromString(finishReason);
        }

        return (finishReason, metadata);
    }

    /// <summary>Builds the metadata known from <c>message-start</c>.</summary>
    private Dictionary<string, JsonElement> StartMetadata()
    {
        var metadata = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (_startMetadata?.Provider is { } provider)
        {
            metadata["model_provider"] = JsonValues.FromString(provider);
        }

        if (_startMetadata?.Model is { } model)
        {
            metadata["model_name"] = JsonValues.FromString(model);
        }

        return metadata;
    }
}
