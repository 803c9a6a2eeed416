using System.Diagnostics;
using System.Text;

namespace ChatStreams.Tests.Providers;

/// <summary>For every provider: a server that stalls mid-answer; close aborts the request within 1 s and the server sees it.</summary>
public sealed class ProviderStallTests(FixtureServer server) : IClassFixture<FixtureServer>
{
    public static TheoryData<string, string, string> Stalls() => new()
    {
        { "openai-chat-text-usage.sse", "openai", "data: [DONE]" },
        { "openai-responses-text.sse", "openai-responses", "event: response.completed" },
        { "anthropic-thinking-text.sse", "anthropic", "event: message_delta" },
        { "gemini-thought-function.sse", "gemini", "data: {\"candidates\": [{\"content\": {\"parts\": [{\"functionCall\"" },
        { "ollama-chat-thinking-tools.ndjson", "ollama", "{\"model\":\"qwen3:32b\",\"created_at\":\"2026-01-10T16:33:11.140934612Z\"" },
    };

    private static ChatModel Create(string provider, Uri prefix) => provider switch
    {
        "openai" => new OpenAIChatModel(new() { Model = "m", Endpoint = new Uri(prefix, "v1") }),
        "openai-responses" => new OpenAIResponsesChatModel(new() { Model = "m", Endpoint = new Uri(prefix, "v1") }),
        "anthropic" => new AnthropicChatModel(new() { Model = "m", Endpoint = prefix }),
        "gemini" => new GeminiChatModel(new() { Model = "m", Endpoint = prefix }),
        _ => new OllamaChatModel(new() { Model = "m", Endpoint = prefix }),
    };

    [Theory]
    [MemberData(nameof(Stalls))]
    public async Task StalledServer_CloseAbortsWithinOneSecond_AndKeepsWhatArrived(string fixture, string provider, string stallBefore)
    {
        byte[] body = Fixtures.Bytes(fixture);
        int cut = Encoding.UTF8.GetString(body).IndexOf(stallBefore, StringComparison.Ordinal);
        Assert.True(cut > 0, $"no stall marker in {fixture}");
        Uri prefix = server.Serve(new Scenario(body, fixture.EndsWith(".ndjson", StringComparison.Ordinal) ? "application/x-ndjson" : "text/event-stream") { CutAt = Encoding.UTF8.GetByteCount(Encoding.UTF8.GetString(body)[..cut]), Hold = true });
        ChatModelStream stream = Create(provider, prefix).Stream(Prompt.Hi);
        Task<List<StreamEvent>> reading = stream.ToListAsync();
        await Task.Delay(300);
        Assert.False(stream.IsDone);
        string before = stream.Snapshot().Text + stream.Snapshot().Reasoning;

        var stopwatch = Stopwatch.StartNew();
        await stream.CloseAsync().AsTask().Within();
        await server.Aborted(prefix).WaitAsync(TimeSpan.FromSeconds(1));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"abort took {stopwatch.Elapsed}");
        Assert.IsAssignableFrom<OperationCanceledException>(stream.Error);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.Within());
        Assert.NotEmpty(before);
        Assert.Equal(before, stream.Snapshot().Text + stream.Snapshot().Reasoning);
    }
}
