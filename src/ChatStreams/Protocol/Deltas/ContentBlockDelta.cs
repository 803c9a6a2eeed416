using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ChatStreams;

/// <summary>Represents the increment a <see cref="ContentBlockDeltaEvent"/> applies to its block.</summary>
public abstract record ContentBlockDelta
{
    /// <summary>Initializes the base; only this library defines delta types.</summary>
    private protected ContentBlockDelta()
    {
    }

    /// <summary>Gets the wire discriminator, such as <c>text-delta</c>.</summary>
    public abstract string Type { get; }

    /// <summary>Gets the keys this version does not know, kept so they survive a round trip.</summary>
    public IReadOnlyDictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
