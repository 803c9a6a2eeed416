namespace ChatStreams;

/// <summary>Represents the settings of an <see cref="OpenAIResponsesChatModel"/>.</summary>
public sealed class OpenAIResponsesChatModelOptions : ProviderChatModelOptions
{
    /// <summary>Gets or sets the OpenAI organization sent as <c>OpenAI-Organization</c>, if any.</summary>
    public string? Organization { get; set; }

    /// <summary>Gets or sets a value indicating whether OpenAI stores the response (<c>store</c>).</summary>
    /// <value>
    /// Defaults to <see langword="false"/>: the request asks for <c>reasoning.encrypted_content</c> instead, which
    /// the next turn sends back so multi-turn tool loops keep the model's reasoning.
    /// </value>
    public bool Store { get; set; }

    /// <summary>Gets or sets the reasoning summary to ask reasoning models for (<c>auto</c>, <c>concise</c>, <c>detailed</c>), or <see langword="null"/> for none.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? ReasoningSummary { get; set; }
}
