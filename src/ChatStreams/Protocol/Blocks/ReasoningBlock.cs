using System;

namespace ChatStreams;

/// <summary>Represents a <c>reasoning</c> block; redacted reasoning has no text and keeps its data in <see cref="ContentBlock.Extras"/>.</summary>
/// <param name="Reasoning">The reasoning text, or <see langword="null"/> when none was given.</param>
public sealed record ReasoningBlock(string? Reasoning) : ContentBlock
{
    /// <summary>Gets the block id, if any.</summary>
    public string? Id { get; init; }

    /// <inheritdoc/>
    public override string Type => "reasoning";
}
