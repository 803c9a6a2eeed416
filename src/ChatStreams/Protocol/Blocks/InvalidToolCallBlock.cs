using System;

namespace ChatStreams;

/// <summary>
/// Represents an <c>invalid_tool_call</c> block: a tool call whose arguments did not parse to a JSON object.
/// </summary>
/// <param name="Id">The call id, if known.</param>
/// <param name="Name">The tool name, if known.</param>
/// <param name="Args">The raw arguments text.</param>
/// <param name="Error">Why the arguments were rejected.</param>
public sealed record InvalidToolCallBlock(string? Id, string? Name, string? Args, string? Error) : ContentBlock
{
    /// <inheritdoc/>
    public override string Type => "invalid_tool_call";
}
