namespace ChatStreams.Tests.Streaming;

public class ChatModelStreamProjectionTests
{
    private static readonly UsageInfo s_running = new(10, 2, 12);
    private static readonly UsageInfo s_final = new(10, 7, 17, OutputTokenDetails: new OutputTokenDetails(Reasoning: 3));

    /// <summary>A whole message: reasoning, text, one tool call streamed in slices, usage.</summary>
    private static StreamEvent[] FullMessage() =>
    [
        Ev.Start("msg_1", "anthropic", "claude"),
        Ev.BlockStart(0, new ReasoningBlock("")),
        Ev.Reasoning(0, "Think"),
        Ev.Reasoning(0, "ing."),
        Ev.Finish(0, new ReasoningBlock("Thinking.") { Extras = Json.Map("""{"signature":"sig"}""") }),
        Ev.BlockStart(1, new TextBlock("")),
        Ev.Text(1, "Hello"),
        Ev.Text(1, " world"),
        new UsageEvent(s_running),
        Ev.Finish(1, new TextBlock("Hello world")),
        Ev.BlockStart(2, new ToolCallChunkBlock("call_1", "weather", "")),
        Ev.Args(2, "{\"city\":"),
        Ev.Args(2, "\"Paris\"}"),
        Ev.Finish(2, Ev.Call("call_1", "weather", """{"city":"Paris"}""")),
        Ev.End("tool_calls", s_final, """{"stop_reason":"tool_use","model":"claude"}"""),
    ];

    private static ChatModelStream Dispatched(params StreamEvent[] events)
    {
        var stream = new ChatModelStream();
        foreach (StreamEvent e in events)
        {
            stream.Dispatch(e);
        }

        return stream;
    }

    [Fact]
    public async Task Projections_FullMessage_YieldDeltasAndFinalValues()
    {
        ChatModelStream stream = Dispatched(FullMessage());

        Assert.Equal(["Hello", " world"], await stream.Text.CollectAsync());
        Assert.Equal("Hello world", await stream.Text.Within());
        Assert.Equal(["Think", "ing."], await stream.Reasoning.CollectAsync());
        Assert.Equal("Thinking.", await stream.Reasoning.Within());
        Assert.Equal(
            [new ToolCallChunk(2, "call_1", "weather", "{\"city\":", "{\"city\":"), new ToolCallChunk(2, "call_1", "weather", "\"Paris\"}", "{\"city\":\"Paris\"}")],
            await stream.ToolCalls.CollectAsync());
        ToolCallBlock call = Assert.Single(await stream.ToolCalls.Within());
        Assert.Equal(("call_1", "weather", "Paris"), (call.Id, call.Name, call.Args.GetProperty("city").GetString()));
        Assert.Equal([s_running, s_final], await stream.Usage.CollectAsync());
        Assert.Equal(s_final, await stream.Usage.Within());
        Assert.Equal(FullMessage().Length, (await stream.CollectAsync()).Count);
    }

    [Fact]
    public async Task Await_FullMessage_AssemblesTheMessage()
    {
        ChatModelStream stream = Dispatched(FullMessage());

        AIMessage message = await stream.GetMessageWithin();

        Assert.Same(message, stream.OutputMessage);
        Assert.Same(message, await stream.Output.Within());
        Assert.Equal([message], await stream.Output.CollectAsync());
        Assert.Equal("msg_1", message.Id);
        Assert.Equal("Hello world", message.Text);
        Assert.Equal("tool_calls", message.FinishReason);
        Assert.Equal(s_final, message.UsageMetadata);
        Json.AssertEquivalent(
            """
            {"type":"ai","id":"msg_1",
             "content":[
               {"type":"reasoning","reasoning":"Thinking.","index":0,"extras":{"signature":"sig"}},
               {"type":"text","text":"Hello world","index":1},
               {"type":"tool_call","id":"call_1","name":"weather","args":{"city":"Paris"}}],
             "tool_calls":[{"type":"tool_call","id":"call_1","name":"weather","args":{"city":"Paris"}}],
             "invalid_tool_calls":[],
             "usage_metadata":{"input_tokens":10,"output_tokens":7,"total_tokens":17,"output_token_details":{"reasoning":3}},
             "response_metadata":{"model_provider":"anthropic","model_name":"claude","stop_reason":"tool_use","model":"claude","output_version":"v1","finish_reason":"tool_calls"}}
            """,
            ProtocolJson.Serialize(message));
    }

    [Fact]
    public void Projections_AreTheSameInstanceEachTime()
    {
        var stream = new ChatModelStream();

        Assert.Same(stream.Text, stream.Text);
        Assert.Same(stream.Reasoning, stream.Reasoning);
        Assert.Same(stream.ToolCalls, stream.ToolCalls);
        Assert.Same(stream.Usage, stream.Usage);
        Assert.Same(stream.Output, stream.Output);
        Assert.NotSame(stream.Text, stream.Reasoning);
    }

    [Fact]
    public async Task Enumeration_IsANewCursorAtZeroEachTime_LateConsumersReplay()
    {
        var stream = new ChatModelStream();
        stream.Dispatch(Ev.Start());
        stream.Dispatch(Ev.Text(0, "a"));
        await using IAsyncEnumerator<string> early = stream.Text.GetAsyncEnumerator();
        Assert.True(await early.MoveNextAsync());
        stream.Dispatch(Ev.Text(0, "b"));
        stream.Dispatch(Ev.End());

        Assert.Equal(["a", "b"], await stream.Text.CollectAsync());
        Assert.Equal(["a", "b"], await stream.Text.CollectAsync());
        Assert.True(await early.MoveNextAsync());
        Assert.Equal("b", early.Current);
        Assert.False(await early.MoveNextAsync());
    }

    [Fact]
    public async Task Enumeration_LiveConsumer_SeesDeltasAsTheyArrive()
    {
        var stream = new ChatModelStream();
        Task<List<string>> consumer = Task.Run(() => stream.Text.ToListAsync());
        stream.Dispatch(Ev.Start());
        for (int i = 0; i < 100; i++)
        {
            stream.Dispatch(Ev.Text(0, i.ToString()));
            await Task.Yield();
        }

        stream.Dispatch(Ev.End());

        Assert.Equal(Enumerable.Range(0, 100).Select(i => i.ToString()), await consumer.Within());
    }

    [Fact]
    public async Task Snapshots_YieldRunningTextThenFinalWhenItDiffers()
    {
        ChatModelStream stream = Dispatched(
            Ev.Start(), Ev.Text(0, "Hel"), Ev.Text(0, "lo"), Ev.Finish(0, new TextBlock("Goodbye")), Ev.End());

        Assert.Equal(["Hel", "Hello", "Goodbye"], await stream.Text.Snapshots.CollectAsync());
        Assert.Equal("Goodbye", await stream.Text.Within());
    }

    [Fact]
    public async Task Usage_IgnoresStartUsage_FinalFallsBackToLastUsageEvent()
    {
        ChatModelStream stream = Dispatched(
            Ev.Start(usage: new UsageInfo(InputTokens: 4)),
            new UsageEvent(new UsageInfo(4, 1, 5)),
            new UsageEvent(new UsageInfo(4, 3, 7)),
            Ev.End());

        Assert.Equal([new UsageInfo(4, 1, 5), new UsageInfo(4, 3, 7)], await stream.Usage.CollectAsync());
        Assert.Equal(new UsageInfo(4, 3, 7), await stream.Usage.Within());
    }

    [Fact]
    public async Task Usage_NoUsageAnywhere_IsNull()
    {
        ChatModelStream stream = Dispatched(Ev.Start(usage: new UsageInfo(InputTokens: 4)), Ev.End());

        Assert.Null(await stream.Usage.Within());
        Assert.Empty(await stream.Usage.CollectAsync());
    }

    [Fact]
    public async Task Error_ReachesEveryConsumerAfterBufferedItems_SameInstance()
    {
        var stream = new ChatModelStream();
        var boom = new InvalidOperationException("boom");
        stream.Dispatch(Ev.Start());
        stream.Dispatch(Ev.Text(0, "partial"));
        stream.Dispatch(Ev.Args(1, "{"));
        stream.Fail(boom);

        var seen = new List<string>();
        var iterationError = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (string delta in stream.Text)
            {
                seen.Add(delta);
            }
        });
        Assert.Equal(["partial"], seen);
        Assert.Same(boom, iterationError);
        Assert.Same(boom, await Assert.ThrowsAsync<InvalidOperationException>(() => stream.Text.GetValueAsync()));
        Assert.Same(boom, await Assert.ThrowsAsync<InvalidOperationException>(async () => await stream.Reasoning));
        Assert.Same(boom, await Assert.ThrowsAsync<InvalidOperationException>(async () => await stream.ToolCalls));
        Assert.Same(boom, await Assert.ThrowsAsync<InvalidOperationException>(async () => await stream.Usage));
        Assert.Same(boom, await Assert.ThrowsAsync<InvalidOperationException>(async () => await stream.Output));
        Assert.Same(boom, await Assert.ThrowsAsync<InvalidOperationException>(async () => await stream));
        Assert.Same(boom, await Assert.ThrowsAsync<InvalidOperationException>(() => stream.ToListAsync()));
        Assert.Same(boom, stream.Error);
        Assert.Same(boom, stream.Text.Error);
        Assert.True(stream.IsDone);
        Assert.True(stream.Output.IsDone);
        Assert.Null(stream.OutputMessage);
        Assert.Equal("partial", stream.Snapshot().Text);
    }

    [Fact]
    public async Task ErrorEvent_FailsWithChatModelException_KeepingMessageAndCode()
    {
        ChatModelStream stream = Dispatched(Ev.Start(), Ev.Text(0, "x"), new ErrorEvent("Overloaded", "overloaded_error"));

        var error = await Assert.ThrowsAsync<ChatModelException>(async () => await stream.Text);

        Assert.Equal("Overloaded", error.Message);
        Assert.Equal("overloaded_error", error.ErrorCode);
        Assert.Same(error, stream.Error);
        var seen = new List<string>();
        await Assert.ThrowsAsync<ChatModelException>(async () =>
        {
            await foreach (string delta in stream.Text)
            {
                seen.Add(delta);
            }
        });
        Assert.Equal(["x"], seen);
    }

    [Fact]
    public async Task EventsAfterFinish_AreRecordedButChangeNothing()
    {
        ChatModelStream stream = Dispatched(Ev.Start("m"), Ev.Text(0, "done"), Ev.End());
        AIMessage message = stream.OutputMessage!;

        stream.Dispatch(Ev.Text(0, " more"));
        stream.Dispatch(new ErrorEvent("late", null));
        stream.Fail(new InvalidOperationException("late"));
        stream.Dispatch(Ev.End("length"));

        Assert.Null(stream.Error);
        Assert.Same(message, await stream.GetMessageWithin());
        Assert.Equal("done", await stream.Text.Within());
        Assert.Equal(["done"], await stream.Text.CollectAsync());
        Assert.Equal("stop", message.FinishReason);
        Assert.Equal(6, (await stream.CollectAsync()).Count);
    }

    [Fact]
    public async Task EventsAfterFailure_ChangeNothing()
    {
        var first = new InvalidOperationException("first");
        ChatModelStream stream = Dispatched(Ev.Start(), Ev.Text(0, "a"));
        stream.Fail(first);

        stream.Dispatch(Ev.Text(0, "b"));
        stream.Dispatch(Ev.End());
        stream.Fail(new InvalidOperationException("second"));

        Assert.Same(first, stream.Error);
        Assert.Null(stream.OutputMessage);
        Assert.Same(first, await Assert.ThrowsAsync<InvalidOperationException>(async () => await stream));
    }

    [Fact]
    public async Task GetValueAsync_ConsumerToken_CancelsOnlyThatWait()
    {
        var stream = new ChatModelStream();
        using var cts = new CancellationTokenSource();
        Task<string> cancelled = stream.Text.GetValueAsync(cts.Token);
        Task<string> other = stream.Text.GetValueAsync();

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Within());
        stream.Dispatch(Ev.Start());
        stream.Dispatch(Ev.Text(0, "still"));
        stream.Dispatch(Ev.End());

        Assert.Equal("still", await other.Within());
        Assert.Null(stream.Error);
    }

    [Fact]
    public async Task Enumeration_ConsumerToken_CancelsOnlyThatEnumeration()
    {
        var stream = new ChatModelStream();
        using var cts = new CancellationTokenSource();
        Task<List<string>> cancelled = Task.Run(() => stream.Text.ToListAsync(cts.Token));
        Task<List<string>> other = Task.Run(() => stream.Text.ToListAsync());
        stream.Dispatch(Ev.Text(0, "a"));
        await Task.Delay(50);

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Within());
        stream.Dispatch(Ev.Text(0, "b"));
        stream.Dispatch(Ev.End());

        Assert.Equal(["a", "b"], await other.Within());
    }

    [Fact]
    public async Task BreakingOutOfEnumeration_IsNotAClose()
    {
        var stream = new ChatModelStream();
        stream.Dispatch(Ev.Text(0, "a"));
        await foreach (string _ in stream.Text)
        {
            break;
        }

        stream.Dispatch(Ev.Text(0, "b"));
        stream.Dispatch(Ev.End());

        Assert.Null(stream.Error);
        Assert.Equal("ab", await stream.Text.Within());
    }

    [Fact]
    public void Properties_NeverBlockOrThrow_BeforeAnything()
    {
        var stream = new ChatModelStream("m0", ["graph", "sub"], "node-a");

        Assert.False(stream.IsDone);
        Assert.False(stream.HasEvents);
        Assert.Null(stream.Error);
        Assert.Null(stream.OutputMessage);
        Assert.Equal("m0", stream.MessageId);
        Assert.Equal(["graph", "sub"], stream.Namespace);
        Assert.Equal("node-a", stream.Node);
        Assert.Empty(stream.Snapshot().Content);
        Assert.Equal([], new ChatModelStream().Namespace);
    }
}
