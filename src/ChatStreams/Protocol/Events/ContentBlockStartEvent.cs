using System;

namespace ChatStreams;

/// <summary>Represents <c>content-block-start</c>: a block opens at a wire index.</summary>
/// <param name="Index">The wire index (0, 1, 2, … in start order).</param>
/// <param name="Content">The block's skeleton; tool calls carry their id and name here.</param>
public sealed record ContentBlockStartEvent(int Index, ContentBlock Content) : StreamEvent
{
    /// <inheritdoc/>
    public override string EventType => "content-block-start";
}
