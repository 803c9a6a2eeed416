using System;

namespace ChatStreams;

/// <summary>Represents <c>reasoning-delta</c>: reasoning text appended to a reasoning block.</summary>
/// <param name="Reasoning">The appended reasoning.</param>
public sealed record ReasoningDelta(string Reasoning) : ContentBlockDelta
{
    /// <inheritdoc/>
    public override string Type => "reasoning-delta";
}
