using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
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
    protected override async IAsyncEnumerable<StreamEvent> StreamEventsAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        byte[] body = OllamaRequest.Write(messages, options, _options);
        Uri uri = _transport.Resolve("api/chat");
        await foreach (StreamEvent streamEvent in _transport.StreamAsync(
            () => CreateRequest(uri, body), ndjson: true, () => new OllamaTranslator(ProviderName, _options.ApiKey), cancellationToken).ConfigureAwait(false))
        {
            yield return streamEvent;
        }
    }

    /// <summary>Creates the HTTP request.</summary>
    private HttpRequestMessage CreateRequest(Uri uri, byte[] body)
    {
        HttpRequestMessage request = ProviderTransport.Post(uri, body, "application/x-ndjson");
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        }

        return request;
    }
}
