using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ChatStreams;

/// <summary>Represents a <c>text</c> block.</summary>
/// <param name="Text">The text.</param>
public sealed record TextBlock(string Text) : ContentBlock
{
    /// <summary>Gets the block id, if any.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the citations and other annotations, as they arrived.</summary>
    public IReadOnlyList<JsonElement>? Annotations { get; init; }

    /// <inheritdoc/>
    public override string Type => "text";
}
