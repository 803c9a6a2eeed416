using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>Represents a model served by Ollama's native <c>/api/chat</c>, streamed as newline-delimited JSON.</summary>
/// <remarks>The endpoint is the bare host; the default is <c>http://127.0.0.1:11434</c>. A key, when set, is sent as a bearer token (Ollama's cloud).</remarks>
public sealed class OllamaChatModel : ChatModel
{
    /// <summary>The local default endpoint.</summary>
    private static readonly Uri s_defaultEndpoint = new("http://127.0.0.1:11434");

    /// <summary>The options.</summary>
    private readonly OllamaChatModelOptions _options;

    /// <summary>The HTTP side.</summary>
    private readonly ProviderTransport _transport;

    /// <summary>Initializes the model.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public OllamaChatModel(OllamaChatModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _transport = new ProviderTransport("ollama", this, options, s_defaultEndpoint);
    }

    /// <inheritdoc/>
    public override string ProviderName => "ollama";

    /// <inheritdoc/>
    public override string? ModelId => _options.Model;

    /// <inheritdoc/>
    protected override IAsyncEnumerable<StreamEvent> StreamEventsAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) =>
        _transport.PostAsync(
            "api/chat",
            OllamaRequest.Write(messages, options, _options),
            request => ProviderTransport.Bearer(request, _options.ApiKey),
            ndjson: true,
            () => new OllamaTranslator(ProviderName, _options.ApiKey),
            cancellationToken);
}
