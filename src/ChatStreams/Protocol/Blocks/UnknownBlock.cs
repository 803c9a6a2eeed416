using System;
using System.Text.Json;

namespace ChatStreams;

/// <summary>
/// Represents a block whose <c>type</c> this version does not know. It is kept verbatim and round-trips
/// unchanged; the stream records it but does not accumulate it.
/// </summary>
/// <param name="Name">The <c>type</c> value.</param>
/// <param name="Json">The whole block object as it arrived.</param>
public sealed record UnknownBlock(string Name, JsonElement Json) : ContentBlock
{
    /// <inheritdoc/>
    public override string Type => Name;
}
