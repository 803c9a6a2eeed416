using System;
using System.Net.Http;

namespace ChatStreams;

/// <summary>Represents the settings every provider model shares: model, key, endpoint, HTTP client, retries and wire limits.</summary>
public abstract class ProviderChatModelOptions
{
    /// <summary>Initializes the options; each provider has its own options class.</summary>
    private protected ProviderChatModelOptions()
    {
    }

    /// <summary>Gets or sets the model to ask for when <see cref="Microsoft.Extensions.AI.ChatOptions.ModelId"/> is not set.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the API key; it never appears in any message, log, trace or <c>ToString()</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the base URL, so compatible servers (vLLM, llama.cpp, Azure, OpenRouter, …) work.</summary>
    /// <value>Defaults to the provider's public endpoint.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the HTTP client to send with; <c>IHttpClientFactory</c> clients work.</summary>
    /// <value>Defaults to one shared client without a timeout (streams are long; close the stream to abort).</value>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Gets or sets how many times a transient failure before the first event is retried.</summary>
    /// <value>Defaults to 2. Nothing is retried once an event was produced.</value>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Gets or sets the longest wait between retries, <c>Retry-After</c> included.</summary>
    /// <value>Defaults to 10 seconds.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the longest line of the response body, in bytes.</summary>
    /// <value>Defaults to 16 MiB.</value>
    public int MaxLineSize { get; set; } = FramingLimits.DefaultSize;

    /// <summary>Gets or sets the largest event (SSE event or NDJSON line) of the response body, in bytes.</summary>
    /// <value>Defaults to 16 MiB.</value>
    public int MaxEventSize { get; set; } = FramingLimits.DefaultSize;
}
