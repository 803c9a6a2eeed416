using System.Net;
using System.Text;

namespace ChatStreams.Tests.Providers;

/// <summary>HTTP errors, retries, truncation, malformed bodies, limits and aborts, over real loopback HTTP.</summary>
public sealed class ProviderFailureTests(FixtureServer server) : IClassFixture<FixtureServer>
{
    private const string Key = "sk-live-0123456789abcdefSECRET";

    private static OpenAIChatModel OpenAI(Uri prefix, int maxRetries = 2, int maxEventSize = FramingLimits.DefaultSize) => new(new OpenAIChatModelOptions
    {
        Model = "gpt-4o",
        ApiKey = Key,
        Endpoint = new Uri(prefix, "v1"),
        MaxRetries = maxRetries,
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        MaxEventSize = maxEventSize,
    });

    private static Scenario Error(int status, string body, params (string Name, string Value)[] headers) =>
        new(Encoding.UTF8.GetBytes(body), "application/json") { Status = status, Headers = headers.ToDictionary(h => h.Name, h => h.Value) };

    private static Scenario Fixture(string name) => new(Fixtures.Bytes(name));

    [Fact]
    public async Task HttpError_ThrowsChatModelException_WithTheProvidersError_AndRedactsTheKey()
    {
        Uri prefix = server.Serve(Error(401, $$$"""{"error":{"message":"Incorrect API key provided: {{{Key}}}.","type":"invalid_request_error","code":"invalid_api_key"}}""", ("x-request-id", "req_abc")));

        var error = await Assert.ThrowsAsync<ChatModelException>(() => OpenAI(prefix).InvokeAsync(Prompt.Hi).Within());

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_api_key", "req_abc", false),
            (error.StatusCode, error.ErrorType, error.ErrorCode, error.RequestId, error.IsTransient));
        Assert.Contains("Incorrect API key provided", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key[..12], error.ToString(), StringComparison.Ordinal);
        Assert.Single(server.Requests(prefix));
    }

    [Fact]
    public async Task TransientHttpError_IsRetried_HonouringRetryAfter_ThenSucceeds()
    {
        Uri prefix = server.Serve(
            Error(429, """{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""", ("retry-after-ms", "10")),
            Error(503, "upstream unavailable"),
            Fixture("openai-chat-text-usage.sse"));

        AIMessage message = await OpenAI(prefix).InvokeAsync(Prompt.Hi).Within();

        Assert.StartsWith("I'm unable", message.Text, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests(prefix).Count);
    }

    [Fact]
    public async Task TransientHttpError_RetriesExhausted_ThrowsTheLastError()
    {
        Uri prefix = server.Serve(Error(529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"""));
        var model = new AnthropicChatModel(new AnthropicChatModelOptions { Model = "claude", ApiKey = Key, Endpoint = prefix, MaxRetries = 1, MaxRetryDelay = TimeSpan.FromMilliseconds(10) });

        var error = await Assert.ThrowsAsync<ChatModelException>(() => model.InvokeAsync(Prompt.Hi).Within());

        Assert.Equal(("overloaded_error", true, (HttpStatusCode)529), (error.ErrorType, error.IsTransient, error.StatusCode!.Value));
        Assert.Equal(2, server.Requests(prefix).Count);
    }

    [Fact]
    public async Task ResetBeforeTheFirstEvent_IsRetried()
    {
        Uri prefix = server.Serve(Fixture("openai-chat-length.sse") with { CutAt = 0, Reset = true }, Fixture("openai-chat-length.sse"));

        AIMessage message = await OpenAI(prefix).InvokeAsync(Prompt.Hi).Within();

        Assert.Equal("length", message.FinishReason);
        Assert.Equal(2, server.Requests(prefix).Count);
    }

    [Fact]
    public async Task ResetAfterContentStreamed_IsNotRetried_AndSnapshotKeepsWhatArrived()
    {
        byte[] body = Fixtures.Bytes("openai-chat-text-usage.sse");
        int cut = Encoding.UTF8.GetString(body).IndexOf("\"content\":\" San", StringComparison.Ordinal);
        // Paced, so the client has read (and produced) events before the connection is reset.
        Uri prefix = server.Serve(new Scenario(body) { CutAt = cut, Reset = true, ChunkSize = 512, Pace = TimeSpan.FromMilliseconds(10) }, Fixture("openai-chat-text-usage.sse"));
        ChatModelStream stream = OpenAI(prefix).Stream(Prompt.Hi);

        var error = await Assert.ThrowsAsync<ChatModelException>(() => stream.GetMessageWithin());

        Assert.False(error.IsTransient);
        Assert.Single(server.Requests(prefix));
        Assert.StartsWith("I'm unable", stream.Snapshot().Text, StringComparison.Ordinal);
        Assert.Null(stream.OutputMessage);
    }

    [Fact]
    public async Task TruncatedBody_FailsNamingTheMissingTerminalEvent()
    {
        byte[] body = Fixtures.Bytes("anthropic-text-tool.sse");
        int cut = Encoding.UTF8.GetString(body).LastIndexOf("event: content_block_stop", StringComparison.Ordinal);
        Uri prefix = server.Serve(new Scenario(body) { CutAt = cut });
        var model = new AnthropicChatModel(new AnthropicChatModelOptions { Model = "claude", ApiKey = Key, Endpoint = prefix });
        ChatModelStream stream = model.Stream(Prompt.Hi);

        var error = await Assert.ThrowsAsync<ChatModelException>(() => stream.GetMessageWithin());

        Assert.Contains("message_stop", error.Message, StringComparison.Ordinal);
        Assert.Equal("I'll check the current weather in Paris for you.", stream.Snapshot().Text);
        Assert.IsType<ToolCallChunkBlock>(stream.Snapshot().Content[^1]);
    }

    [Fact]
    public async Task EventOverTheLimit_FailsWithTheOptionNamedInTheInnerException()
    {
        Uri prefix = server.Serve(Fixture("openai-chat-text-usage.sse"));

        var error = await Assert.ThrowsAsync<ChatModelException>(() => OpenAI(prefix, maxEventSize: 200).InvokeAsync(Prompt.Hi).Within());

        var inner = Assert.IsType<InvalidDataException>(error.InnerException);
        Assert.Contains("MaxEventSize (200 bytes)", inner.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("data: {not json}\n\n")]
    [InlineData("data: {\"id\":\"x\",\"choices\":[{\"delta\":{\"content\":\"\xC3\x28\"}}]}\n\n")]
    public async Task MalformedBody_FailsWithChatModelException(string body)
    {
        byte[] bytes = body.Contains('\xC3') ? [.. Encoding.Latin1.GetBytes(body)] : Encoding.UTF8.GetBytes(body);
        Uri prefix = server.Serve(new Scenario(bytes));

        var error = await Assert.ThrowsAsync<ChatModelException>(() => OpenAI(prefix).InvokeAsync(Prompt.Hi).Within());

        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MidStreamProviderError_IsAChatModelException_NeverAnErrorEvent()
    {
        Uri prefix = server.Serve(Fixture("anthropic-error-overloaded.sse"));
        var model = new AnthropicChatModel(new AnthropicChatModelOptions { Model = "claude", ApiKey = Key, Endpoint = prefix });
        ChatModelStream stream = model.Stream(Prompt.Hi);

        var error = await Assert.ThrowsAsync<ChatModelException>(() => stream.GetMessageWithin());

        Assert.True(error.IsTransient);
        Assert.Empty((await CollectEventsAsync(stream)).OfType<ErrorEvent>());
        Assert.Equal("Hello! I", stream.Snapshot().Text);
    }

    [Fact]
    public async Task Close_AbortsTheHttpRequest_WithinOneSecond()
    {
        byte[] body = Fixtures.Bytes("openai-chat-text-usage.sse");
        int cut = Encoding.UTF8.GetString(body).IndexOf("data: [DONE]", StringComparison.Ordinal);
        Uri prefix = server.Serve(new Scenario(body) { CutAt = cut, Hold = true });
        ChatModelStream stream = OpenAI(prefix).Stream(Prompt.Hi);
        await stream.Text.Take(3).ToListAsync().Within();

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await stream.CloseAsync().AsTask().Within();
        await server.Aborted(prefix).WaitAsync(TimeSpan.FromSeconds(1));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"abort took {stopwatch.Elapsed}");
        Assert.IsAssignableFrom<OperationCanceledException>(stream.Error);
    }

    [Fact]
    public async Task UnreachableServer_IsATransientChatModelException()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var model = new OllamaChatModel(new OllamaChatModelOptions { Model = "m", Endpoint = new Uri($"http://127.0.0.1:{port}"), MaxRetries = 0 });

        var error = await Assert.ThrowsAsync<ChatModelException>(() => model.InvokeAsync(Prompt.Hi).Within());

        Assert.True(error.IsTransient);
        Assert.Equal("ollama", error.Provider);
    }

    private static async Task<List<StreamEvent>> CollectEventsAsync(ChatModelStream stream)
    {
        var events = new List<StreamEvent>();
        try
        {
            await foreach (StreamEvent e in stream)
            {
                events.Add(e);
            }
        }
        catch (ChatModelException)
        {
        }

        return events;
    }
}
