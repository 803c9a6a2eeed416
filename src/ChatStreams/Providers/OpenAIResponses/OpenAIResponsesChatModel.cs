using System;
using System.Collections.Generic;
using System.Threading;
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
    protected override IAsyncEnumerable<StreamEvent> StreamEventsAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) =>
        _transport.PostAsync(
            "responses",
            OpenAIResponsesRequest.Write(messages, options, _options),
            request => ProviderTransport.Bearer(request, _options.ApiKey, _options.Organization),
            ndjson: false,
            () => new OpenAIResponsesTranslator(ProviderName, _options.ApiKey),
            cancellationToken);
}
