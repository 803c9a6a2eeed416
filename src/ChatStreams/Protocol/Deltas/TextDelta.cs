using System;

namespace ChatStreams;

/// <summary>Represents <c>text-delta</c>: text appended to a text block.</summary>
/// <param name="Text">The appended text.</param>
public sealed record TextDelta(string Text) : ContentBlockDelta
{
    /// <inheritdoc/>
    public override string Type => "text-delta";
}
