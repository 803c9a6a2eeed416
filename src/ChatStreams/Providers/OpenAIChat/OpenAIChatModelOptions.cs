namespace ChatStreams;

/// <summary>Represents the settings of an <see cref="OpenAIChatModel"/>.</summary>
public sealed class OpenAIChatModelOptions : ProviderChatModelOptions
{
    /// <summary>Gets or sets the OpenAI organization sent as <c>OpenAI-Organization</c>, if any.</summary>
    public string? Organization { get; set; }

    /// <summary>Gets or sets a value indicating whether to ask for usage with <c>stream_options.include_usage</c>.</summary>
    /// <value>Defaults to <see langword="true"/>; turn it off for servers that reject the option.</value>
    public bool IncludeUsage { get; set; } = true;
}
