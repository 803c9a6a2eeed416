using System;
using System.Text.Json;

namespace ChatStreams;

/// <summary>Represents a delta whose <c>type</c> this version does not know, kept verbatim and otherwise ignored.</summary>
/// <param name="Name">The <c>type</c> value.</param>
/// <param name="Json">The whole delta object as it arrived.</param>
public sealed record UnknownDelta(string Name, JsonElement Json) : ContentBlockDelta
{
    /// <inheritdoc/>
    public override string Type => Name;
}
