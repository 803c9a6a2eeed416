using System.Collections.Concurrent;
using System.Text;

namespace ChatStreams.Tests.Reliability;

[CollectionDefinition(nameof(LoadTests), DisableParallelization = true)]
public sealed class LoadGroup;

/// <summary>Load and leaks, bounded in count and time: many streams closed mid-flight, many concurrent answers over loopback.</summary>
[Collection(nameof(LoadTests))]
public sealed class LoadTests(Providers.FixtureServer server) : IClassFixture<Providers.FixtureServer>
{
    /// <summary>Counts runs that ended, and how.</summary>
    private sealed class CountingObserver : ChatModelObserver
    {
        public int Started;
        public int Ended;
        public int Failed;

        public override ValueTask OnStartAsync(ChatModelRun run)
        {
            Interlocked.Increment(ref Started);
            return default;
        }

        public override ValueTask OnEndAsync(ChatModelRun run, AIMessage message)
        {
            Interlocked.Increment(ref Ended);
            return default;
        }

        public override ValueTask OnErrorAsync(ChatModelRun run, Exception error)
        {
            Interlocked.Increment(ref Failed);
            return default;
        }
    }

    [Fact]
    public async Task TenThousandStreamsClosedMidFlight_LeaveNoProducerRunning_AndMemoryReturns()
    {
        const int Streams = 10_000;
        long baseline = Retained();
        var observer = new CountingObserver();
        var model = new ScriptedChatModel([.. Enumerable.Range(0, Streams).Select(_ => ScriptedTurn.FromText("one two three four") with { StallAtEvent = 4 })]);
        model.Observers.Add(observer);

        await RunAndCloseAsync(model, Streams);

        Assert.Equal(Streams, observer.Started);
        Assert.Equal(Streams, observer.Failed);
        Assert.Equal(0, observer.Ended);
        long after = Retained();
        Assert.True(after - baseline < 32 * 1024 * 1024, $"memory after closing {Streams} streams grew by {(after - baseline) / 1024} KB");
    }

    private static async Task RunAndCloseAsync(ScriptedChatModel model, int streams)
    {
        var open = new ChatModelStream[streams];
        for (int i = 0; i < streams; i++)
        {
            open[i] = model.Stream(Prompt.Hi);
        }

        // Every run started and streamed its first deltas, then stalls until closed.
        await Task.WhenAll(open.Select(s => s.Text.Take(1).ToListAsync())).WaitAsync(TimeSpan.FromSeconds(60));
        await Task.WhenAll(open.Select(s => s.CloseAsync().AsTask())).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(open, s => Assert.IsAssignableFrom<OperationCanceledException>(s.Error));
    }

    [Fact]
    public async Task ClosedHttpStreams_LeaveNoOpenConnection()
    {
        const int Streams = 100;
        byte[] body = Providers.Fixtures.Bytes("openai-chat-text-usage.sse");
        int cut = Encoding.UTF8.GetString(body).IndexOf("data: [DONE]", StringComparison.Ordinal);
        var prefixes = Enumerable.Range(0, Streams).Select(_ => server.Serve(new Providers.Scenario(body) { CutAt = cut, Hold = true })).ToArray();
        ChatModelStream[] streams = [.. prefixes.Select(p => new OpenAIChatModel(new() { Model = "m", Endpoint = new Uri(p, "v1") }).Stream(Prompt.Hi))];

        await Task.WhenAll(streams.Select(s => s.Text.Take(1).ToListAsync())).WaitAsync(TimeSpan.FromSeconds(30));
        await Task.WhenAll(streams.Select(s => s.CloseAsync().AsTask())).WaitAsync(TimeSpan.FromSeconds(30));

        // The server sees every request aborted: no connection stays open behind a closed stream.
        await Task.WhenAll(prefixes.Select(server.Aborted)).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ThousandConcurrentPacedStreams_AllCompleteWithExactlyTheirContent()
    {
        const int Streams = 1_000;
        byte[] body = Providers.Fixtures.Bytes("openrouter-chat-text-tool.sse");
        Uri prefix = server.Serve(new Providers.Scenario(body) { ChunkSize = 4096, Pace = TimeSpan.FromMilliseconds(5) });
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 });
        var model = new OpenAIChatModel(new() { Model = "m", Endpoint = new Uri(prefix, "api/v1"), HttpClient = http });
        var texts = new ConcurrentBag<string>();

        AIMessage[] answers = await Task.WhenAll(Enumerable.Range(0, Streams).Select(_ => Task.Run(async () =>
        {
            await using ChatModelStream stream = model.Stream(Prompt.Hi);
            texts.Add(string.Concat(await stream.Text.ToListAsync()));
            return await stream;
        }))).WaitAsync(TimeSpan.FromSeconds(120));

        string expected = "Today's date is November 10, 2023. I will now look up the weather for Shanghai on November 10, 2025.";
        Assert.All(answers, a => Assert.Equal((expected, "get_weather", "tool_calls"), (a.Text, a.ToolCalls.Single().Name, a.FinishReason)));
        Assert.All(texts, t => Assert.Equal(expected, t));
    }

    private static long Retained()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
