using System;

namespace ChatStreams;

/// <summary>Represents a <c>video</c> block.</summary>
public sealed record VideoBlock : MediaBlock
{
    /// <inheritdoc/>
    public override string Type => "video";
}
