using System.Collections.Generic;
using System.Text.Json;

namespace ChatStreams;

/// <summary>Represents the metadata a <see cref="MessageStartEvent"/> carries about the model that answers.</summary>
public sealed record MessageMetadata
{
    /// <summary>Gets the provider name, such as <c>openai</c> or <c>anthropic</c>.</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the model name the provider reported.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the model type.</summary>
    public string? ModelType { get; init; }

    /// <summary>Gets the run id.</summary>
    public string? RunId { get; init; }

    /// <summary>Gets the thread id.</summary>
    public string? ThreadId { get; init; }

    /// <summary>Gets the provider's system fingerprint.</summary>
    public string? SystemFingerprint { get; init; }

    /// <summary>Gets the provider's service tier.</summary>
    public string? ServiceTier { get; init; }

    /// <summary>Gets the keys this version does not know, kept so they survive a round trip.</summary>
    public IReadOnlyDictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
