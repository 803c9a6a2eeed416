using System;
using System.Text.Json;

namespace ChatStreams;

/// <summary>Represents a <c>non_standard</c> block: provider content outside the protocol, such as a refusal.</summary>
/// <param name="Value">The provider's object, for example <c>{"type":"refusal","refusal":"…"}</c>.</param>
public sealed record NonStandardBlock(JsonElement Value) : ContentBlock
{
    /// <summary>Gets the block id, if any.</summary>
    public string? Id { get; init; }

    /// <inheritdoc/>
    public override string Type => "non_standard";
}
