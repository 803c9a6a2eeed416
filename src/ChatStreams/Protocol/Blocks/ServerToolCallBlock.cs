using System;
using System.Text.Json;

namespace ChatStreams;

/// <summary>Represents a <c>server_tool_call</c> block: a tool call the provider itself runs (such as web search).</summary>
/// <param name="Id">The call id.</param>
/// <param name="Name">The tool name.</param>
/// <param name="Args">The arguments, a JSON object.</param>
public sealed record ServerToolCallBlock(string? Id, string Name, JsonElement Args) : ContentBlock
{
    /// <inheritdoc/>
    public override string Type => "server_tool_call";
}
