using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatStreams;

/// <summary>Delta handling (spec b.3).</summary>
internal sealed partial class MessageAccumulator
{
    /// <summary>Applies one delta to its block.</summary>
    private void ApplyDelta(int? index, ContentBlockDelta delta)
    {
        switch (delta)
        {
            case TextDelta text:
                AppendText(index, text.Text, BlockKind.Text, ref _unindexedText, _text);
                break;
            case ReasoningDelta reasoning:
                AppendText(index, reasoning.Reasoning, BlockKind.Reasoning, ref _unindexedReasoning, _reasoning);
                break;
            case ToolCallDelta toolCall:
                AppendToolArgs(index, toolCall.Args);
                break;
            case BlockDelta block:
                MergeBlockDelta(index, block.Fields);
                break;
            case LegacyBlockDelta legacy:
                MergeLegacySlice(index, legacy.Block);
                break;
            case DataDelta data when index is { } key && data.Data.Length > 0:
                BlockState media = GetOrCreate(key, BlockKind.Media);
                (media.Text ??= new StringBuilder()).Append(data.Data);
                break;
        }
    }

    /// <summary>Spec b.3 text-delta: empty text is ignored; otherwise it joins its block and is pushed.</summary>
    private void AppendText(int? index, string text, BlockKind kind, ref BlockState? unindexed, ItemLog<string> log)
    {
        if (text.Length == 0)
        {
            return;
        }

        BlockState state = index is { } key ? GetOrCreate(key, kind) : unindexed ??= new BlockState(null, kind);
        (state.Text ??= new StringBuilder()).Append(text);
        log.Append(text);
    }

    /// <summary>A <see cref="ToolCallDelta"/> appends a slice; the call's id and name come from its start.</summary>
    private void AppendToolArgs(int? index, string args)
    {
        BlockState state = index is { } key ? GetOrCreate(key, BlockKind.ToolChunk) : _lastToolChunk ?? GetOrCreate(_maxKey + 1, BlockKind.ToolChunk);
        ToolChunkState tool = state.Tool ??= new ToolChunkState();
        _lastToolChunk = state.Kind == BlockKind.ToolChunk ? state : _lastToolChunk;
        if (args.Length == 0)
        {
            return;
        }

        tool.Args.Append(args);

        // Only client calls reach the tool-call projection; a server call's arguments just accumulate.
        if (state.Kind == BlockKind.ToolChunk)
        {
            _toolChunks.Append(new ToolCallChunk(state.Key!.Value, tool.Id, tool.Name, args, tool.Args, tool.Args.Length));
        }
    }

    /// <summary>Spec b.3 block-delta: tool-call snapshots merge last-wins with replacing args; other types wait for their finish.</summary>
    private void MergeBlockDelta(int? index, JsonObject fields)
    {
        string? type = fields["type"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        BlockKind kind = type switch
        {
            "tool_call_chunk" => BlockKind.ToolChunk,
            "server_tool_call_chunk" => BlockKind.ServerToolChunk,
            _ => BlockKind.Other,
        };
        if (kind == BlockKind.Other)
        {
            return;
        }

        BlockState state = GetOrCreate(index ?? KeyOf(fields["index"]), kind);
        ToolChunkState tool = state.Tool ??= new ToolChunkState();
        tool.MergeSnapshot(fields, out string? argsDelta);
        if (kind == BlockKind.ToolChunk)
        {
            _lastToolChunk = state;
            _toolChunks.Append(new ToolCallChunk(state.Key!.Value, tool.Id, tool.Name, argsDelta, tool.Args, tool.Args.Length));
        }
    }

    /// <summary>Spec b.3 legacy slice: tool chunks stick to their first id and name and append args.</summary>
    private void MergeLegacySlice(int? index, ContentBlock block)
    {
        (BlockKind kind, string? id, string? name, string? args) = block switch
        {
            ToolCallChunkBlock c => (BlockKind.ToolChunk, c.Id, c.Name, c.Args),
            ServerToolCallChunkBlock s => (BlockKind.ServerToolChunk, s.Id, s.Name, s.Args),
            _ => (BlockKind.Other, null, null, null),
        };
        if (kind == BlockKind.Other)
        {
            return;
        }

        BlockState state = GetOrCreate(index ?? block.Index?.Number ?? _maxKey + 1, kind);
        ToolChunkState tool = state.Tool ??= new ToolChunkState();
        tool.MergeSlice(id, name, args);
        if (kind == BlockKind.ToolChunk)
        {
            _lastToolChunk = state;
            _toolChunks.Append(new ToolCallChunk(state.Key!.Value, tool.Id, tool.Name, args ?? string.Empty, tool.Args, tool.Args.Length));
        }
    }

    /// <summary>Chooses the wire key of an index-less tool snapshot: its own integer index, the call that has its string index, or a fresh key.</summary>
    private int KeyOf(JsonNode? sourceIndex)
    {
        if (sourceIndex is JsonValue value)
        {
            if (value.TryGetValue(out int number))
            {
                return number;
            }

            if (value.TryGetValue(out string? name))
            {
                foreach (BlockState state in _blocks.Values)
                {
                    if (state.Tool?.SourceIndex?.Name == name && state.Final is null)
                    {
                        return state.Key!.Value;
                    }
                }
            }
        }

        return _maxKey + 1;
    }
}
