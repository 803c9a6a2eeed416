using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>Represents a Claude model served by the Anthropic Messages API, streamed over server-sent events.</summary>
/// <remarks>The endpoint is the bare host; the default is <c>https://api.anthropic.com</c>.</remarks>
public sealed class AnthropicChatModel : ChatModel
{
    /// <summary>The public endpoint.</summary>
    private static readonly Uri s_defaultEndpoint = new("https://api.anthropic.com");

    /// <summary>The options.</summary>
    private readonly AnthropicChatModelOptions _options;

    /// <summary>The HTTP side.</summary>
    private readonly ProviderTransport _transport;

    /// <summary>Initializes the model.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public AnthropicChatModel(AnthropicChatModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _transport = new ProviderTransport("anthropic", this, options, s_defaultEndpoint);
    }

    /// <inheritdoc/>
    public override string ProviderName => "anthropic";

    /// <inheritdoc/>
    public override string? ModelId => _options.Model;

    /// <inheritdoc/>
    protected override IAsyncEnumerable<StreamEvent> StreamEventsAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) =>
        _transport.PostAsync(
            "v1/messages",
            AnthropicRequest.Write(messages, options, _options),
            Authorize,
            ndjson: false,
            () => new AnthropicTranslator(ProviderName, _options.ApiKey),
            cancellationToken);

    /// <summary>Adds the key and version headers.</summary>
    private void Authorize(HttpRequestMessage request)
    {
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            request.Headers.TryAddWithoutValidation("x-api-key", _options.ApiKey);
        }

        request.Headers.TryAddWithoutValidation("anthropic-version", _options.ApiVersion);
        if (!string.IsNullOrEmpty(_options.Beta))
        {
            request.Headers.TryAddWithoutValidation("anthropic-beta", _options.Beta);
        }
    }
}
