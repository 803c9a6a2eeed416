using System.Collections.Generic;
using System.Text.Json;

namespace ChatStreams;

/// <summary>
/// Represents token usage for one message: counts the provider did not report stay <see langword="null"/>, never 0.
/// </summary>
/// <param name="InputTokens">The prompt tokens, cache reads and writes included.</param>
/// <param name="OutputTokens">The generated tokens, reasoning included.</param>
/// <param name="TotalTokens">The total the provider reported, or the sum its documentation defines.</param>
/// <param name="InputTokenDetails">The break-down of <paramref name="InputTokens"/>, if reported.</param>
/// <param name="OutputTokenDetails">The break-down of <paramref name="OutputTokens"/>, if reported.</param>
public sealed record UsageInfo(
    int? InputTokens = null,
    int? OutputTokens = null,
    int? TotalTokens = null,
    InputTokenDetails? InputTokenDetails = null,
    OutputTokenDetails? OutputTokenDetails = null)
{
    /// <summary>Gets the keys this version does not know, kept so they survive a round trip.</summary>
    public IReadOnlyDictionary<string, JsonElement>? AdditionalProperties { get; init; }
}

/// <summary>Represents the break-down of input tokens.</summary>
/// <param name="Audio">Audio input tokens.</param>
/// <param name="CacheCreation">Tokens written to the prompt cache.</param>
/// <param name="CacheRead">Tokens read from the prompt cache.</param>
public sealed record InputTokenDetails(int? Audio = null, int? CacheCreation = null, int? CacheRead = null)
{
    /// <summary>Gets further provider-specific counts, kept as they arrived.</summary>
    public IReadOnlyDictionary<string, JsonElement>? AdditionalProperties { get; init; }
}

/// <summary>Represents the break-down of output tokens.</summary>
/// <param name="Audio">Audio output tokens.</param>
/// <param name="Reasoning">Reasoning (thinking) tokens.</param>
public sealed record OutputTokenDetails(int? Audio = null, int? Reasoning = null)
{
    /// <summary>Gets further provider-specific counts, kept as they arrived.</summary>
    public IReadOnlyDictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
