using System;
using System.Text.Json;

namespace ChatStreams;

/// <summary>Represents a <c>tool_call</c> block: a finished client tool call with parsed arguments.</summary>
/// <param name="Id">The call id.</param>
/// <param name="Name">The tool name.</param>
/// <param name="Args">The arguments, a JSON object.</param>
public sealed record ToolCallBlock(string? Id, string Name, JsonElement Args) : ContentBlock
{
    /// <inheritdoc/>
    public override string Type => "tool_call";
}
