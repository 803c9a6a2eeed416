using System.Text;
using System.Text.Json;

namespace ChatStreams.Tests.Providers;

/// <summary>
/// Every shared fixture over real loopback HTTP: whole, trickled one byte per write, and cut at every event
/// boundary before its terminal event. Each must give its <c>expected/*.json</c> values.
/// </summary>
public sealed class ProviderFixtureTests(FixtureServer server) : IClassFixture<FixtureServer>
{
    /// <summary>The fixtures of the providers built so far, with the model that reads them.</summary>
    private static readonly Dictionary<string, Func<Uri, ChatModel>> s_models = new()
    {
        ["openai-chat"] = uri => new OpenAIChatModel(new OpenAIChatModelOptions { Model = "gpt-4o", ApiKey = "sk-test", Endpoint = new Uri(uri, "v1") }),
        ["anthropic"] = uri => new AnthropicChatModel(new AnthropicChatModelOptions { Model = "claude-sonnet-4-5", ApiKey = "sk-ant-test", Endpoint = uri }),
        ["openai-responses"] = uri => new OpenAIResponsesChatModel(new OpenAIResponsesChatModelOptions { Model = "gpt-5", ApiKey = "sk-test", Endpoint = new Uri(uri, "v1") }),
        ["openrouter-responses"] = uri => new OpenAIResponsesChatModel(new OpenAIResponsesChatModelOptions { Model = "openai/gpt-5-mini", ApiKey = "sk-or", Endpoint = new Uri(uri, "api/v1") }),
        ["gemini"] = uri => new GeminiChatModel(new GeminiChatModelOptions { Model = "gemini-2.5-flash", ApiKey = "AIza-test", Endpoint = uri }),
        ["ollama"] = uri => new OllamaChatModel(new OllamaChatModelOptions { Model = "qwen3:32b", Endpoint = uri }),
        ["openrouter-chat"] = uri => new OpenAIChatModel(new OpenAIChatModelOptions { Model = "openai/gpt-4o", ApiKey = "sk-or", Endpoint = new Uri(uri, "api/v1") }),
    };

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Fixtures.Directory).Select(Path.GetFileName).Order()!)
        {
            if (file is not null && (file.EndsWith(".sse", StringComparison.Ordinal) || file.EndsWith(".ndjson", StringComparison.Ordinal)) && ModelFor(file) is not null)
            {
                data.Add(file);
            }
        }

        return data;
    }

    private static Func<Uri, ChatModel>? ModelFor(string fixture) =>
        s_models.Where(m => fixture.StartsWith(m.Key + "-", StringComparison.Ordinal)).Select(m => m.Value).FirstOrDefault();

    private static string ContentType(string fixture) => fixture.EndsWith(".ndjson", StringComparison.Ordinal) ? "application/x-ndjson" : "text/event-stream";

    private async Task<(ChatModelStream Stream, AIMessage? Message, Exception? Error)> RunAsync(string fixture, Scenario scenario)
    {
        Uri prefix = server.Serve(scenario);
        ChatModel model = ModelFor(fixture)!(prefix);
        ChatModelStream stream = model.Stream(Prompt.Hi);
        try
        {
            return (stream, await stream.GetMessageWithin(), null);
        }
        catch (ChatModelException ex)
        {
            return (stream, null, ex);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Fixture_Whole_MatchesExpected(string fixture)
    {
        var result = await RunAsync(fixture, new Scenario(Fixtures.Bytes(fixture), ContentType(fixture)));

        ExpectedResult.AssertMatches(Fixtures.Expected(fixture), result.Stream, result.Message, result.Error);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Fixture_TrickledOneBytePerWrite_MatchesExpected(string fixture)
    {
        var result = await RunAsync(fixture, new Scenario(Fixtures.Bytes(fixture), ContentType(fixture)) { ChunkSize = 1 });

        ExpectedResult.AssertMatches(Fixtures.Expected(fixture), result.Stream, result.Message, result.Error);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Fixture_CutAtEveryEventBoundaryAndMidEventBeforeItsEnd_Fails(string fixture)
    {
        byte[] body = Fixtures.Bytes(fixture);
        int[] boundaries = Boundaries(body, TerminalOffset(fixture, body));
        Assert.NotEmpty(boundaries);

        // Every boundary, and the middle of every event before the terminal one (a body cut mid-event).
        int[] cuts = [.. boundaries.Concat(boundaries.Zip(boundaries.Skip(1), (a, b) => (a + b) / 2)).Distinct().Order()];

        foreach (int cut in cuts)
        {
            var result = await RunAsync(fixture, new Scenario(body, ContentType(fixture)) { CutAt = cut });

            Assert.True(result.Error is ChatModelException, $"cut at byte {cut} of {body.Length} should fail, but the message completed");
            Assert.Null(result.Stream.OutputMessage);
        }
    }

    /// <summary>The offset of the event that ends a complete body: a cut before its end must fail.</summary>
    private static int TerminalOffset(string fixture, byte[] body)
    {
        string text = Encoding.UTF8.GetString(body);
        string marker =
            fixture.StartsWith("openai-chat", StringComparison.Ordinal) || fixture.StartsWith("openrouter-chat", StringComparison.Ordinal) ? "data: [DONE]"
            : fixture.Contains("responses", StringComparison.Ordinal) ? (text.Contains("\"type\":\"response.completed\"", StringComparison.Ordinal) ? "\"type\":\"response.completed\"" : "\"type\":\"response.failed\"")
            : fixture.StartsWith("anthropic", StringComparison.Ordinal) ? (text.Contains("message_stop", StringComparison.Ordinal) ? "message_stop" : "event: error")
            : fixture.StartsWith("gemini", StringComparison.Ordinal) ? "finishReason"
            : "\"done\":true";
        int offset = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(offset >= 0, $"no terminal marker {marker} in {fixture}");
        return Encoding.UTF8.GetByteCount(text.AsSpan(0, offset));
    }

    /// <summary>The byte offsets right after each event separator (blank line, or newline for NDJSON) up to <paramref name="limit"/>.</summary>
    private static int[] Boundaries(byte[] body, int limit)
    {
        var cuts = new List<int> { 0 };
        for (int i = 0; i < Math.Min(limit, body.Length); i++)
        {
            if (body[i] == '\n' && (i == 0 || body[i - 1] == '\n' || (body[i - 1] == '\r' && i >= 2 && body[i - 2] == '\n') || IsNdjson(body)))
            {
                cuts.Add(i + 1);
            }
        }

        return [.. cuts.Where(c => c <= limit).Distinct()];
    }

    private static bool IsNdjson(byte[] body) => body.Length > 0 && body[0] == (byte)'{';
}
