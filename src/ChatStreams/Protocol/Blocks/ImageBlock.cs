using System;

namespace ChatStreams;

/// <summary>Represents a <c>image</c> block.</summary>
public sealed record ImageBlock : MediaBlock
{
    /// <inheritdoc/>
    public override string Type => "image";
}
