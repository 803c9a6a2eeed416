using System;

namespace ChatStreams;

/// <summary>Represents a <c>file</c> block.</summary>
public sealed record FileBlock : MediaBlock
{
    /// <inheritdoc/>
    public override string Type => "file";
}
