using System;

namespace ChatStreams;

/// <summary>Represents a <c>tool_call_chunk</c> block: a client tool call whose arguments are still streaming.</summary>
/// <param name="Id">The call id, if known.</param>
/// <param name="Name">The tool name, if known.</param>
/// <param name="Args">The partial JSON arguments so far.</param>
public sealed record ToolCallChunkBlock(string? Id, string? Name, string? Args) : ContentBlock
{
    /// <inheritdoc/>
    public override string Type => "tool_call_chunk";
}
