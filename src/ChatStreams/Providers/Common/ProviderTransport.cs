using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ChatStreams;

/// <summary>
/// The HTTP side every provider shares: send, retry transient failures before the first event, map HTTP and wire
/// failures to <see cref="ChatModelException"/>, frame the body and run it through the provider's translator.
/// </summary>
internal sealed partial class ProviderTransport
{
    /// <summary>The largest error body read from a failed response.</summary>
    private const int MaxErrorBody = 64 * 1024;

    /// <summary>One client for models built without one; no timeout, because answers stream for minutes.</summary>
    private static readonly HttpClient s_sharedClient = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>The options.</summary>
    private readonly ProviderChatModelOptions _options;

    /// <summary>The model, for its clock.</summary>
    private readonly ChatModel _model;

    /// <summary>Initializes the transport.</summary>
    /// <param name="provider">The provider name.</param>
    /// <param name="model">The model.</param>
    /// <param name="options">The options.</param>
    /// <param name="defaultEndpoint">The base URL when the options give none.</param>
    public ProviderTransport(string provider, ChatModel model, ProviderChatModelOptions options, Uri defaultEndpoint)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxLineSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxEventSize);
        Provider = provider;
        _model = model;
        _options = options;
        string baseUrl = (options.Endpoint ?? defaultEndpoint).ToString();
        BaseUri = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
    }

    /// <summary>Gets the provider name.</summary>
    public string Provider { get; }

    /// <summary>Gets the base URL, ending in a slash.</summary>
    public Uri BaseUri { get; }

    /// <summary>Gets the API key.</summary>
    public string? ApiKey => _options.ApiKey;

    /// <summary>Resolves a path against the base URL.</summary>
    /// <param name="relative">A relative path, such as <c>chat/completions</c>.</param>
    /// <returns>The URL.</returns>
    public Uri Resolve(string relative) => new(BaseUri, relative);

    /// <summary>Creates a POST request with a JSON body.</summary>
    /// <param name="uri">The URL.</param>
    /// <param name="body">The UTF-8 JSON body.</param>
    /// <param name="accept">The media type to accept.</param>
    /// <returns>The request.</returns>
    public static HttpRequestMessage Post(Uri uri, byte[] body, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Accept.ParseAdd(accept);
        return request;
    }

    /// <summary>POSTs a JSON body and streams the translated events: the whole source of a provider model.</summary>
    /// <param name="path">The path under the base URL.</param>
    /// <param name="body">The UTF-8 JSON body, sent again on each retry.</param>
    /// <param name="authorize">Adds the provider's credentials and headers to each request.</param>
    /// <param name="ndjson">Whether the body is NDJSON rather than SSE.</param>
    /// <param name="createTranslator">Builds a fresh translator per attempt.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>The events.</returns>
    public IAsyncEnumerable<StreamEvent> PostAsync(
        string path, byte[] body, Action<HttpRequestMessage> authorize, bool ndjson, Func<WireTranslator> createTranslator, CancellationToken cancellationToken)
    {
        Uri uri = Resolve(path);
        string accept = ndjson ? "application/x-ndjson" : "text/event-stream";
        return StreamAsync(
            () =>
            {
                HttpRequestMessage request = Post(uri, body, accept);
                authorize(request);
                return request;
            },
            ndjson,
            createTranslator,
            cancellationToken);
    }

    /// <summary>Adds a bearer key, and an OpenAI organization when given.</summary>
    /// <param name="request">The request.</param>
    /// <param name="apiKey">The key, or <see langword="null"/> for none.</param>
    /// <param name="organization">The organization, or <see langword="null"/>.</param>
    public static void Bearer(HttpRequestMessage request, string? apiKey, string? organization = null)
    {
        if (!string.IsNullOrEmpty(apiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        if (!string.IsNullOrEmpty(organization))
        {
            request.Headers.TryAddWithoutValidation("OpenAI-Organization", organization);
        }
    }

    /// <summary>Sends the request and streams the translated events; retries transient failures before the first event.</summary>
    /// <param name="createRequest">Builds a fresh request per attempt.</param>
    /// <param name="ndjson">Whether the body is NDJSON rather than SSE.</param>
    /// <param name="createTranslator">Builds a fresh translator per attempt.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>The events.</returns>
    public IAsyncEnumerable<StreamEvent> StreamAsync(
        Func<HttpRequestMessage> createRequest, bool ndjson, Func<WireTranslator> createTranslator, CancellationToken cancellationToken) =>
        new Events(this, createRequest, ndjson, createTranslator, cancellationToken);

    /// <summary>Sends one attempt; an HTTP error or an unreachable server comes back as a failure.</summary>
    private async Task<(HttpResponseMessage? Response, ChatModelException? Failure)> SendAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            using HttpRequestMessage request = createRequest();
            response = await (_options.HttpClient ?? s_sharedClient).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, new ChatModelException(ProviderErrors.Redact($"Could not reach {Provider}: {ex.Message}", ApiKey), ex) { Provider = Provider, IsTransient = true });
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, new ChatModelException($"The request to {Provider} timed out.", ex) { Provider = Provider, IsTransient = true });
        }

        if (response.IsSuccessStatusCode)
        {
            return (response, null);
        }

        using (response)
        {
            return (null, await ReadHttpErrorAsync(response, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Reads a failed response's body (bounded) into the provider's error.</summary>
    private async Task<ChatModelException> ReadHttpErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text = string.Empty;
        try
        {
            using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            byte[] buffer = new byte[MaxErrorBody];
            int length = 0, read;
            while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            text = Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            // The status alone still makes a useful error.
        }

        JsonElement? payload = null;
        try
        {
            payload = text.Length > 0 ? JsonElement.Parse(text) : null;
        }
        catch (JsonException)
        {
        }

        string fallback = $"{Provider} returned HTTP {(int)response.StatusCode} ({response.ReasonPhrase ?? response.StatusCode.ToString()})";
        if (payload is null && text.Trim() is { Length: > 0 } plain)
        {
            fallback += ": " + (plain.Length > 500 ? plain[..500] + "…" : plain);
        }

        return ProviderErrors.Create(Provider, ApiKey, payload, fallback, response.StatusCode, response);
    }

    /// <summary>Reads the next payload; a broken or malformed body comes back as a failure.</summary>
    private ValueTask<(bool More, ChatModelException? Failure)> ReadAsync(IAsyncEnumerator<WireMessage> wire, bool produced, CancellationToken cancellationToken)
    {
        // Most payloads are already buffered: skip the async machinery unless the read waits or fails.
        ValueTask<bool> next = wire.MoveNextAsync();
        return next.IsCompletedSuccessfully
            ? new((next.Result, null))
            : AwaitReadAsync(next, produced, cancellationToken);
    }

    /// <summary>Waits for a pending read; a broken or malformed body comes back as a failure.</summary>
    private async ValueTask<(bool More, ChatModelException? Failure)> AwaitReadAsync(ValueTask<bool> next, bool produced, CancellationToken cancellationToken)
    {
        try
        {
            return (await next.ConfigureAwait(false), null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is IOException or HttpRequestException)
        {
            return (false, new ChatModelException(ProviderErrors.Redact($"The connection to {Provider} broke while streaming: {ex.Message}", ApiKey), ex)
            {
                Provider = Provider,
                IsTransient = !produced,
            });
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is InvalidDataException or JsonException)
        {
            return (false, Malformed(ex));
        }
    }

    /// <summary>Translates one payload, then returns its pooled memory; a payload of an unexpected shape is malformed input, not a crash.</summary>
    private void Translate(WireTranslator translator, WireMessage message, bool afterTerminal)
    {
        try
        {
            if (afterTerminal)
            {
                translator.TranslateAfterTerminal(message);
            }
            else
            {
                translator.Translate(message);
            }
        }
        catch (Exception ex) when (ex is not ChatModelException and not OperationCanceledException)
        {
            translator.Output.Clear();
            throw Malformed(ex);
        }
        finally
        {
            message.Release();
        }
    }

    /// <summary>Finishes the message; a failure there is malformed input too.</summary>
    private void Complete(WireTranslator translator)
    {
        try
        {
            translator.Complete();
        }
        catch (Exception ex) when (ex is not ChatModelException and not OperationCanceledException)
        {
            translator.Output.Clear();
            throw Malformed(ex);
        }
    }

    /// <summary>Creates the error for malformed wire input.</summary>
    private ChatModelException Malformed(Exception ex) =>
        new(ProviderErrors.Redact($"The {Provider} response is malformed: {ex.Message}", ApiKey), ex) { Provider = Provider };

    /// <summary>Waits before a retry: <c>Retry-After</c> when given, else exponential back-off with jitter, capped.</summary>
    private Task DelayAsync(int attempt, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        TimeSpan backoff = TimeSpan.FromMilliseconds((250 << Math.Min(attempt, 10)) * (0.8 + (Random.Shared.NextDouble() * 0.4)));
        TimeSpan delay = retryAfter ?? backoff;
        if (delay > _options.MaxRetryDelay)
        {
            delay = _options.MaxRetryDelay;
        }

        return delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, _model.TimeProvider, cancellationToken);
    }
}
