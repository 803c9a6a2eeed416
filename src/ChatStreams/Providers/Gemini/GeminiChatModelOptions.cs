namespace ChatStreams;

/// <summary>Represents the settings of a <see cref="GeminiChatModel"/>.</summary>
public sealed class GeminiChatModelOptions : ProviderChatModelOptions
{
    /// <summary>Gets or sets the API version path segment.</summary>
    /// <value>Defaults to <c>v1beta</c>.</value>
    public string ApiVersion { get; set; } = "v1beta";

    /// <summary>Gets or sets a value indicating whether to ask thinking models for thought summaries (<c>includeThoughts</c>).</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool IncludeThoughts { get; set; } = true;
}
