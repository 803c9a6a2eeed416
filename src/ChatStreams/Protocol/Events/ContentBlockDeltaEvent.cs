using System;

namespace ChatStreams;

/// <summary>Represents <c>content-block-delta</c>: an increment to an open block.</summary>
/// <param name="Index">The wire index of the block, or <see langword="null"/> when the wire omitted it.</param>
/// <param name="Delta">The increment.</param>
public sealed record ContentBlockDeltaEvent(int? Index, ContentBlockDelta Delta) : StreamEvent
{
    /// <inheritdoc/>
    public override string EventType => "content-block-delta";
}
