using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>
/// Represents a model served by the OpenAI Chat Completions API or a compatible server (vLLM, llama.cpp, LM Studio,
/// DeepSeek, Azure OpenAI, OpenRouter, Ollama's <c>/v1</c>), streamed over server-sent events.
/// </summary>
/// <remarks>The endpoint is the base URL that ends in <c>/v1</c>; the default is <c>https://api.openai.com/v1</c>.</remarks>
public sealed class OpenAIChatModel : ChatModel
{
    /// <summary>The public endpoint.</summary>
    private static readonly Uri s_defaultEndpoint = new("https://api.openai.com/v1");

    /// <summary>The options.</summary>
    private readonly OpenAIChatModelOptions _options;

    /// <summary>The HTTP side.</summary>
    private readonly ProviderTransport _transport;

    /// <summary>Initializes the model.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public OpenAIChatModel(OpenAIChatModelOptions options)
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
            "chat/completions",
            OpenAIChatRequest.Write(messages, options, _options, _transport.BaseUri),
            request => ProviderTransport.Bearer(request, _options.ApiKey, _options.Organization),
            ndjson: false,
            () => new OpenAIChatTranslator(ProviderName, _options.ApiKey),
            cancellationToken);
}
