using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>Represents a model served by the OpenAI Responses API (or a compatible server such as OpenRouter or vLLM), streamed over server-sent events.</summary>
/// <remarks>The endpoint is the base URL that ends in <c>/v1</c>; the default is <c>https://api.openai.com/v1</c>.</remarks>
public sealed class OpenAIResponsesChatModel : ChatModel
{
    /// <summary>The public endpoint.</summary>
    private static readonly Uri s_defaultEndpoint = new("https://api.openai.com/v1");

    /// <summary>The options.</summary>
    private readonly OpenAIResponsesChatModelOptions _options;

    /// <summary>The HTTP side.</summary>
    private readonly ProviderTransport _transport;

    /// <summary>Initializes the model.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public OpenAIResponsesChatModel(OpenAIResponsesChatModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _transport = new ProviderTransport("openai", this, options, s_defaultEndpoint);
    }

    /// <inheritdoc/>
    public override string ProviderName => "openai";

    /// <inheritdoc/>
    public override string? ModelId => _options.Model;

    /// <inheritdoc/>
    protected override async IAsyncEnumerable<StreamEvent> StreamEventsAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        byte[] body = OpenAIResponsesRequest.Write(messages, options, _options);
        Uri uri = _transport.Resolve("responses");
        await foreach (StreamEvent streamEvent in _transport.StreamAsync(
            () => CreateRequest(uri, body), ndjson: false, () => new OpenAIResponsesTranslator(ProviderName, _options.ApiKey), cancellationToken).ConfigureAwait(false))
        {
            yield return streamEvent;
        }
    }

    /// <summary>Creates the HTTP request with the bearer key and organization.</summary>
    private HttpRequestMessage CreateRequest(Uri uri, byte[] body)
    {
        HttpRequestMessage request = ProviderTransport.Post(uri, body, "text/event-stream");
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        }

        if (!string.IsNullOrEmpty(_options.Organization))
        {
            request.Headers.TryAddWithoutValidation("OpenAI-Organization", _options.Organization);
        }

        return request;
    }
}
