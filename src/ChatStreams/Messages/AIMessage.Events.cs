using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace ChatStreams;

/// <summary>Replay of a finished message as protocol events (spec f.6).</summary>
public sealed partial class AIMessage
{
    /// <summary>Creates the protocol events that reproduce this message when dispatched to a stream.</summary>
    /// <param name="messageId">The id for <c>message-start</c>; defaults to <see cref="Id"/>.</param>
    /// <returns>
    /// <c>message-start</c>; then per block, strictly in sequence, its start skeleton, one delta with its whole text,
    /// reasoning or data when it has any, and its finish; then <c>message-finish</c> with usage, finish reason and
    /// metadata. Tool calls listed only in <see cref="ToolCalls"/> or <see cref="InvalidToolCalls"/> are appended as blocks.
    /// </returns>
    /// <remarks>Used for cached answers, scripted turns and replays; warm and cold answers then look alike to consumers.</remarks>
    public IEnumerable<StreamEvent> ToStreamEvents(string? messageId = null)
    {
        MessageMetadata? metadata = null;
        string? provider = JsonValues.StringOf(ResponseMetadata, "model_provider");
        string? model = JsonValues.StringOf(ResponseMetadata, "model_name");
        if (provider is not null || model is not null)
        {
            metadata = new MessageMetadata { Provider = provider, Model = model };
        }

        yield return new MessageStartEvent(messageId ?? Id ?? string.Empty, metadata, null);
        int index = 0;
        foreach (ContentBlock block in BlocksToReplay())
        {
            yield return new ContentBlockStartEvent(index, Skeleton(block));
            if (WholeDelta(block) is { } delta)
            {
                yield return new ContentBlockDeltaEvent(index, delta);
            }

            yield return new ContentBlockFinishEvent(index, block);
            index++;
        }

        yield return new MessageFinishEvent(UsageMetadata, FinishReason, ResponseMetadata.Count == 0 ? null : ResponseMetadata);
    }

    /// <summary>Lists the content, then the calls the content does not already hold.</summary>
    private IEnumerable<ContentBlock> BlocksToReplay()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (ContentBlock block in Content)
        {
            string? callId = (block as ToolCallBlock)?.Id ?? (block as InvalidToolCallBlock)?.Id;
            if (!string.IsNullOrEmpty(callId))
            {
                ids.Add(callId);
            }

            yield return block;
        }

        foreach (ToolCallBlock call in ToolCalls.Where(c => c.Id is not { Length: > 0 } id || ids.Add(id)))
        {
            yield return call;
        }

        foreach (InvalidToolCallBlock invalid in InvalidToolCalls.Where(c => c.Id is not { Length: > 0 } id || ids.Add(id)))
        {
            yield return invalid;
        }
    }

    /// <summary>Spec f.1: the start form of a block, without its heavy fields; tool calls keep their id and name.</summary>
    private static ContentBlock Skeleton(ContentBlock block) => block switch
    {
        TextBlock => new TextBlock(string.Empty),
        ReasoningBlock => new ReasoningBlock(string.Empty),
        ToolCallBlock call => new ToolCallChunkBlock(call.Id, call.Name, string.Empty),
        InvalidToolCallBlock invalid => new ToolCallChunkBlock(invalid.Id, invalid.Name, string.Empty),
        ServerToolCallBlock server => new ServerToolCallChunkBlock(server.Id, server.Name, string.Empty),
        ServerToolResultBlock result => result with { Output = null },
        NonStandardBlock nonStandard => nonStandard with { Value = ProtocolReader.EmptyObject },
        MediaBlock media => media with { Data = null },
        _ => block,
    };

    /// <summary>The one delta that carries a block's whole content, if it has any.</summary>
    private static ContentBlockDelta? WholeDelta(ContentBlock block) => block switch
    {
        TextBlock { Text.Length: > 0 } text => new TextDelta(text.Text),
        ReasoningBlock { Reasoning.Length: > 0 } reasoning => new ReasoningDelta(reasoning.Reasoning),
        MediaBlock { Data.Length: > 0 } media => new DataDelta(media.Data, null),
        _ => null,
    };
}
