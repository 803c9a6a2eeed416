using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
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
    protected override async IAsyncEnumerable<StreamEvent> StreamEventsAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        byte[] body = GeminiRequest.Write(messages, options, _options);
        string model = Uri.EscapeDataString(options?.ModelId ?? _options.Model);
        Uri uri = _transport.Resolve($"{_options.ApiVersion}/models/{model}:streamGenerateContent?alt=sse");
        await foreach (StreamEvent streamEvent in _transport.StreamAsync(
            () => CreateRequest(uri, body), ndjson: false, () => new GeminiTranslator(ProviderName, _options.ApiKey), cancellationToken).ConfigureAwait(false))
        {
            yield return streamEvent;
        }
    }

    /// <summary>Creates the HTTP request with the key header (never in the URL, where logs would keep it).</summary>
    private HttpRequestMessage CreateRequest(Uri uri, byte[] body)
    {
        HttpRequestMessage request = ProviderTransport.Post(uri, body, "text/event-stream");
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            request.Headers.TryAddWithoutValidation("x-goog-api-key", _options.ApiKey);
        }

        return request;
    }
}
