using System;

namespace ChatStreams;

/// <summary>Represents <c>content-block-finish</c>: the authoritative, finalized form of a block.</summary>
/// <param name="Index">The wire index of the block, or <see langword="null"/> when the wire omitted it.</param>
/// <param name="Content">The finalized block.</param>
public sealed record ContentBlockFinishEvent(int? Index, ContentBlock Content) : StreamEvent
{
    /// <inheritdoc/>
    public override string EventType => "content-block-finish";
}
