using System;

namespace ChatStreams;

/// <summary>Represents a <c>server_tool_call_chunk</c> block: a provider-run tool call still streaming.</summary>
/// <param name="Id">The call id, if known.</param>
/// <param name="Name">The tool name, if known.</param>
/// <param name="Args">The partial JSON arguments so far.</param>
public sealed record ServerToolCallChunkBlock(string? Id, string? Name, string? Args) : ContentBlock
{
    /// <inheritdoc/>
    public override string Type => "server_tool_call_chunk";
}
