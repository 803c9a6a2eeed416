using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
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
    protected override async IAsyncEnumerable<StreamEvent> StreamEventsAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        byte[] body = AnthropicRequest.Write(messages, options, _options);
        Uri uri = _transport.Resolve("v1/messages");
        await foreach (StreamEvent streamEvent in _transport.StreamAsync(
            () => CreateRequest(uri, body), ndjson: false, () => new AnthropicTranslator(ProviderName, _options.ApiKey), cancellationToken).ConfigureAwait(false))
        {
            yield return streamEvent;
        }
    }

    /// <summary>Creates the HTTP request with the key and version headers.</summary>
    private HttpRequestMessage CreateRequest(Uri uri, byte[] body)
    {
        HttpRequestMessage request = ProviderTransport.Post(uri, body, "text/event-stream");
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            request.Headers.TryAddWithoutValidation("x-api-key", _options.ApiKey);
        }

        request.Headers.TryAddWithoutValidation("anthropic-version", _options.ApiVersion);
        if (!string.IsNullOrEmpty(_options.Beta))
        {
            request.Headers.TryAddWithoutValidation("anthropic-beta", _options.Beta);
        }

        return request;
    }
}
