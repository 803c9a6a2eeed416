using System;
using System.Text.Json;

namespace ChatStreams;

/// <summary>Represents a <c>server_tool_result</c> block: the result of a provider-run tool call.</summary>
/// <param name="ToolCallId">The id of the call this answers.</param>
/// <param name="Status"><c>success</c> or <c>error</c>.</param>
public sealed record ServerToolResultBlock(string ToolCallId, string Status) : ContentBlock
{
    /// <summary>Gets the block id, if any.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the tool's output, as it arrived.</summary>
    public JsonElement? Output { get; init; }

    /// <inheritdoc/>
    public override string Type => "server_tool_result";
}
