using System;

namespace ChatStreams;

/// <summary>
/// Represents <c>tool-call-delta</c>: a slice of JSON arguments appended to a tool call, whose id and name come
/// from the block's <see cref="ContentBlockStartEvent"/>.
/// </summary>
/// <param name="Args">The appended slice of the arguments' JSON text.</param>
public sealed record ToolCallDelta(string Args) : ContentBlockDelta
{
    /// <inheritdoc/>
    public override string Type => "tool-call-delta";
}
