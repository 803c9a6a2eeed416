using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ChatStreams;

/// <summary>Represents one block of a message's content: text, reasoning, a tool call, media, …</summary>
/// <remarks>
/// Two kinds of extra data are kept apart: <see cref="Extras"/> is the protocol's own nested <c>extras</c>
/// object (for example a reasoning signature), while <see cref="AdditionalProperties"/> holds any other key this
/// version does not know, at the level where it arrived.
/// </remarks>
public abstract record ContentBlock
{
    /// <summary>Initializes the base; only this library defines block types.</summary>
    private protected ContentBlock()
    {
    }

    /// <summary>Gets the wire discriminator, such as <c>text</c>.</summary>
    public abstract string Type { get; }

    /// <summary>Gets the block's own source-side index, an integer or a string, as it arrived.</summary>
    public BlockIndex? Index { get; init; }

    /// <summary>Gets the protocol's <c>extras</c> object (provider data such as a signature), if any.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Extras { get; init; }

    /// <summary>Gets the keys this version does not know, kept so they survive a round trip.</summary>
    public IReadOnlyDictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
