using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>Represents a Google Gemini model served by <c>streamGenerateContent?alt=sse</c>.</summary>
/// <remarks>The endpoint is the bare host; the default is <c>https://generativelanguage.googleapis.com</c>.</remarks>
public sealed class GeminiChatModel : ChatModel
{
    /// <summary>The public endpoint.</summary>
    private static readonly Uri s_defaultEndpoint = new("https://generativelanguage.googleapis.com");

    /// <summary>The options.</summary>
    private readonly GeminiChatModelOptions _options;

    /// <summary>The HTTP side.</summary>
    private readonly ProviderTransport _transport;

    /// <summary>Initializes the model.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public GeminiChatModel(GeminiChatModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _transport = new ProviderTransport("gemini", this, options, s_defaultEndpoint);
    }

    /// <inheritdoc/>
    public override string ProviderName => "gemini";

    /// <inheritdoc/>
    public override string? ModelId => _options.Model;

    /// <inheritdoc/>
    protected override IAsyncEnumerable<StreamEvent> StreamEventsAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) =>
        _transport.PostAsync(
            $"{_options.ApiVersion}/models/{Uri.EscapeDataString(options?.ModelId ?? _options.Model)}:streamGenerateContent?alt=sse",
            GeminiRequest.Write(messages, options, _options),
            Authorize,
            ndjson: false,
            () => new GeminiTranslator(ProviderName, _options.ApiKey),
            cancellationToken);

    /// <summary>Adds the key header (never in the URL, where logs would keep it).</summary>
    private void Authorize(HttpRequestMessage request)
    {
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            request.Headers.TryAddWithoutValidation("x-goog-api-key", _options.ApiKey);
        }
    }
}
