using System.Collections.Generic;

namespace ChatStreams;

/// <summary>
/// Represents the client tool calls of a stream: each enumeration yields a <see cref="ToolCallChunk"/> per
/// argument increment; awaiting gives the finished, parsed calls.
/// </summary>
public sealed class ToolCallProjection : StreamProjection<ToolCallChunk, IReadOnlyList<ToolCallBlock>>
{
    /// <summary>Initializes the projection.</summary>
    internal ToolCallProjection(ChatModelStream stream, ItemLog<ToolCallChunk> log)
        : base(stream, log)
    {
    }

    /// <inheritdoc/>
    private protected override IReadOnlyList<ToolCallBlock> Select(AIMessage message) => message.ToolCalls;
}
