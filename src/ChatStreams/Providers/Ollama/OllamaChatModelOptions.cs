namespace ChatStreams;

/// <summary>Represents the settings of an <see cref="OllamaChatModel"/>.</summary>
public sealed class OllamaChatModelOptions : ProviderChatModelOptions
{
    /// <summary>Gets or sets whether thinking models should think (<c>think</c>): <see langword="null"/> leaves it to the server.</summary>
    public bool? Think { get; set; }

    /// <summary>Gets or sets how long the server keeps the model loaded after the request (<c>keep_alive</c>, such as <c>5m</c>), or <see langword="null"/> for its default.</summary>
    public string? KeepAlive { get; set; }
}
