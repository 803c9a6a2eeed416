using System;
using System.Text;

namespace ChatStreams;

/// <summary>Block-finish handling (spec b.4, with DESIGN section 4's differences).</summary>
internal sealed partial class MessageAccumulator
{
    /// <summary>Finalizes one block from its authoritative finish form.</summary>
    private void ApplyFinish(int? index, ContentBlock content)
    {
        switch (content)
        {
            case TextBlock text:
                BlockState textState = StateFor(index, BlockKind.Text, ref _unindexedText);
                string resolvedText = Reconcile(textState, text.Text, _text);
                textState.Final = text with { Text = resolvedText, Index = text.Index ?? index };
                break;
            case ReasoningBlock reasoning:
                BlockState reasoningState = StateFor(index, BlockKind.Reasoning, ref _unindexedReasoning);
                string resolved = Reconcile(reasoningState, reasoning.Reasoning ?? string.Empty, _reasoning);

                // Spec b.4: reasoning is overwritten only when the resolved text is non-empty.
                reasoningState.Final = reasoning with
                {
                    Reasoning = resolved.Length > 0 ? resolved : reasoning.Reasoning,
                    Index = reasoning.Index ?? index,
                };
                break;
            case ToolCallBlock call:
                Store(index, FinishToolCall(call), call.Id);
                break;
            case InvalidToolCallBlock invalid:
                Store(index, AddInvalid(invalid with { Index = null }), invalid.Id);
                break;
            case ToolCallChunkBlock chunk:
                // Not a finalized type; taken as "this call is complete" rather than dropped.
                FinishChunk(index, BlockKind.ToolChunk, chunk.Id, chunk.Name, chunk.Args);
                break;
            case ServerToolCallChunkBlock serverChunk:
                FinishChunk(index, BlockKind.ServerToolChunk, serverChunk.Id, serverChunk.Name, serverChunk.Args);
                break;
            case UnknownBlock:
                // A type this version does not know: recorded in the raw events only.
                break;
            default:
                // server_tool_call, server_tool_result, media and non_standard blocks pass through unchanged.
                Store(index, content with { Index = content.Index ?? index }, null);
                break;
        }
    }

    /// <summary>Returns the state a text or reasoning finish reconciles against.</summary>
    private BlockState StateFor(int? index, BlockKind kind, ref BlockState? unindexed) =>
        index is { } key ? GetOrCreate(key, kind) : unindexed ??= new BlockState(null, kind);

    /// <summary>
    /// Spec b.4.1: the finish text is authoritative. With no deltas it is pushed whole; when it extends the
    /// deltas only the tail is pushed; when it replaces them nothing is pushed. Index-less (legacy) finishes
    /// replace silently.
    /// </summary>
    private static string Reconcile(BlockState state, string full, ItemLog<string> log)
    {
        // The usual finish repeats the deltas: compare in place instead of building the streamed text again.
        if (full.Length > 0 && state.Text is { } streamed && streamed.Equals(full.AsSpan()))
        {
            return full;
        }

        string existing = state.TextSoFar;
        if (full.Length == 0 || full == existing)
        {
            return existing;
        }

        if (state.Key is not null)
        {
            if (existing.Length == 0)
            {
                log.Append(full);
            }
            else if (full.StartsWith(existing, StringComparison.Ordinal))
            {
                log.Append(full[existing.Length..]);
            }
        }

        state.Text = new StringBuilder(full);
        return full;
    }

    /// <summary>Validates a finished client call: arguments that are not an object make it invalid (DESIGN 4.3).</summary>
    private ContentBlock FinishToolCall(ToolCallBlock call)
    {
        if (!ToolCallArguments.IsObject(call.Args, out string? error))
        {
            return AddInvalid(new InvalidToolCallBlock(call.Id, call.Name, ToolCallArguments.RawText(call.Args), error)
            {
                Extras = call.Extras,
                AdditionalProperties = call.AdditionalProperties,
            });
        }

        _toolCalls.Add(new ToolCallBlock(call.Id, call.Name, call.Args));
        return call with { Index = null };
    }

    /// <summary>Merges a chunk used as a finish into its record, then finalizes the record now.</summary>
    private void FinishChunk(int? index, BlockKind kind, string? id, string? name, string? args)
    {
        BlockState state = index is { } key ? GetOrCreate(key, kind) : FindOpenTool(id) ?? GetOrCreate(_maxKey + 1, kind);
        ToolChunkState tool = state.Tool ??= new ToolChunkState();
        tool.TakeIdentity(id, name);
        tool.SetArgs(args);
        state.Final = FinalizeTool(state);
    }

    /// <summary>Keeps a finalized block: at its wire index, or, without one, after the indexed blocks.</summary>
    /// <param name="index">The finish event's index.</param>
    /// <param name="block">The finalized block.</param>
    /// <param name="callId">For tool calls, the id whose open record an index-less finish closes.</param>
    private void Store(int? index, ContentBlock block, string? callId)
    {
        if (index is { } key)
        {
            GetOrCreate(key, KindOf(block)).Final = block;
            return;
        }

        _unindexedFinished.Add(block);

        // Without an index, the call's streamed record is found by id and dropped, so the sweep does not
        // finish the call a second time.
        if (FindOpenTool(callId) is { } stale)
        {
            _blocks.Remove(stale.Key!.Value);
            _lastBlock = _lastBlock == stale ? null : _lastBlock;
            _lastToolChunk = _lastToolChunk == stale ? null : _lastToolChunk;
        }
    }

    /// <summary>Finds the open tool record with the given call id, if any.</summary>
    private BlockState? FindOpenTool(string? callId)
    {
        if (string.IsNullOrEmpty(callId))
        {
            return null;
        }

        foreach (BlockState state in _blocks.Values)
        {
            if (state.Final is null && state.Tool?.Id == callId)
            {
                return state;
            }
        }

        return null;
    }

    /// <summary>Records an invalid call and returns it as a content block.</summary>
    private InvalidToolCallBlock AddInvalid(InvalidToolCallBlock invalid)
    {
        // Spec b.7: in the message's list, empty strings become null and extras are dropped.
        _invalidToolCalls.Add(new InvalidToolCallBlock(
            NullIfEmpty(invalid.Id), NullIfEmpty(invalid.Name), NullIfEmpty(invalid.Args), invalid.Error));
        return invalid;
    }

    /// <summary>Maps an empty string to <see langword="null"/>.</summary>
    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
