namespace ChatStreams;

/// <summary>Represents the settings of an <see cref="AnthropicChatModel"/>.</summary>
public sealed class AnthropicChatModelOptions : ProviderChatModelOptions
{
    /// <summary>Gets or sets the API version sent as <c>anthropic-version</c>.</summary>
    /// <value>Defaults to <c>2023-06-01</c>.</value>
    public string ApiVersion { get; set; } = "2023-06-01";

    /// <summary>Gets or sets the <c>max_tokens</c> sent when <see cref="Microsoft.Extensions.AI.ChatOptions.MaxOutputTokens"/> is not set (Anthropic requires one).</summary>
    /// <value>Defaults to 4096.</value>
    public int MaxTokens { get; set; } = 4096;

    /// <summary>Gets or sets the beta features sent as <c>anthropic-beta</c>, comma-separated, if any.</summary>
    public string? Beta { get; set; }
}
