namespace ChatStreams.Tests.Models;

public class ChatModelDriverTests
{
    private static StreamEvent[] Answer(string? id = "msg_1") =>
        [Ev.Start(id), Ev.Text(0, "Hello"), Ev.Text(0, " there"), Ev.Finish(0, new TextBlock("Hello there")), Ev.End("stop", new UsageInfo(3, 2, 5))];

    [Fact]
    public async Task Stream_StartsNothing_UntilAConsumerReads()
    {
        DelegateChatModel model = DelegateChatModel.FromEvents(Answer());
        var observer = new RecordingObserver();
        model.Observers.Add(observer);

        await using ChatModelStream stream = model.Stream(Prompt.Hi);
        await Task.Delay(50);
        Assert.Equal(0, model.Opened);
        Assert.Empty(observer.Calls);

        AIMessage message = await stream.GetMessageWithin();
        Assert.Equal(1, model.Opened);
        Assert.Equal("Hello there", message.Text);
        Assert.Equal(["start", "end"], observer.Calls);
    }

    [Fact]
    public async Task InvokeAsync_StreamsAndAwaits()
    {
        DelegateChatModel model = DelegateChatModel.FromEvents(Answer());

        AIMessage message = await model.InvokeAsync(Prompt.Hi).Within();

        Assert.Equal(("msg_1", "Hello there", "stop", 5), (message.Id, message.Text, message.FinishReason, message.UsageMetadata!.TotalTokens));
    }

    [Fact]
    public async Task MessageId_IsGeneratedRunId_WhenTheProviderSendsNone()
    {
        DelegateChatModel model = DelegateChatModel.FromEvents(Answer(id: null));
        var observer = new RecordingObserver();
        model.Observers.Add(observer);

        AIMessage message = await model.InvokeAsync(Prompt.Hi).Within();

        Assert.Equal("run-" + observer.Run!.RunId, message.Id);
        Assert.Matches("^run-[0-9a-f]{32}$", message.Id);
    }

    [Fact]
    public async Task SourceEndsWithoutFinish_DriverDispatchesASyntheticFinish()
    {
        DelegateChatModel model = DelegateChatModel.FromEvents(Ev.Start(), Ev.Text(0, "cut"));
        var observer = new RecordingObserver();
        model.Observers.Add(observer);
        await using ChatModelStream stream = model.Stream(Prompt.Hi);

        AIMessage message = await stream.GetMessageWithin();

        Assert.Equal("cut", message.Text);
        var synthetic = Assert.IsType<MessageFinishEvent>((await stream.CollectAsync())[^1]);
        Assert.Equal(new MessageFinishEvent(null, null, null), synthetic);
        Assert.Contains(synthetic, observer.Events);
        Assert.Equal(["start", "end"], observer.Calls);
    }

    [Fact]
    public async Task EmptySource_FailsWithChatModelException()
    {
        DelegateChatModel model = DelegateChatModel.FromEvents();
        var observer = new RecordingObserver();
        model.Observers.Add(observer);

        var error = await Assert.ThrowsAsync<ChatModelException>(() => model.InvokeAsync(Prompt.Hi).Within());

        Assert.Same(error, observer.Error);
        Assert.Equal(["start", "error"], observer.Calls);
    }

    [Fact]
    public async Task SourceThrows_StreamFailsWithTheExactInstance_AfterBufferedDeltas()
    {
        var boom = new ChatModelException("provider down") { Provider = "test", ErrorCode = "503" };
        var model = new DelegateChatModel(ct => Throwing(boom));
        var observer = new RecordingObserver();
        model.Observers.Add(observer);
        await using ChatModelStream stream = model.Stream(Prompt.Hi);

        var seen = new List<string>();
        Assert.Same(boom, await Assert.ThrowsAsync<ChatModelException>(async () =>
        {
            await foreach (string delta in stream.Text)
            {
                seen.Add(delta);
            }
        }));
        Assert.Equal(["partial"], seen);
        Assert.Same(boom, await Assert.ThrowsAsync<ChatModelException>(async () => await stream));
        Assert.Same(boom, await Assert.ThrowsAsync<ChatModelException>(() => model.InvokeAsync(Prompt.Hi)));
        Assert.Same(boom, observer.Error);
        Assert.Equal(model.Opened, model.Disposed);

        static async IAsyncEnumerable<StreamEvent> Throwing(Exception error)
        {
            yield return Ev.Start();
            yield return Ev.Text(0, "partial");
            await Task.Yield();
            throw error;
        }
    }

    [Fact]
    public async Task ErrorEvent_EndsTheRun_WithOneErrorCallback_AndStopsReading()
    {
        int yieldedAfterError = 0;
        var model = new DelegateChatModel(_ => Source());
        var observer = new RecordingObserver();
        model.Observers.Add(observer);

        var error = await Assert.ThrowsAsync<ChatModelException>(() => model.InvokeAsync(Prompt.Hi).Within());

        Assert.Equal(("overloaded", "overloaded_error"), (error.Message, error.ErrorCode));
        Assert.Same(error, observer.Error);
        Assert.Equal(["start", "error"], observer.Calls);
        Assert.Equal(0, yieldedAfterError);
        Assert.Equal(1, model.Disposed);

        async IAsyncEnumerable<StreamEvent> Source()
        {
            yield return Ev.Start();
            yield return new ErrorEvent("overloaded", "overloaded_error");
            await Task.Yield();
            yieldedAfterError++;
            yield return Ev.End();
        }
    }

    [Fact]
    public async Task AfterMessageFinish_SourceIsDisposedWithoutCancellingItsToken()
    {
        bool finallyRan = false;
        bool cancelledInFinally = true;
        var model = new DelegateChatModel(ct => Source(ct));

        AIMessage message = await model.InvokeAsync(Prompt.Hi).Within();

        Assert.Equal("x", message.Text);
        Assert.True(finallyRan);
        Assert.False(cancelledInFinally);

        async IAsyncEnumerable<StreamEvent> Source([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            try
            {
                yield return Ev.Start();
                yield return Ev.Text(0, "x");
                yield return Ev.End();
                await Task.Delay(Timeout.Infinite, ct);
            }
            finally
            {
                cancelledInFinally = ct.IsCancellationRequested;
                finallyRan = true;
            }
        }
    }

    [Fact]
    public async Task CloseMidStream_CancelsTheSource_WithinOneSecond_ErrorCallbackGetsTheSameInstance()
    {
        var sourceCancelled = new TaskCompletionSource();
        var model = new DelegateChatModel(ct => Stalling(sourceCancelled, ct));
        var observer = new RecordingObserver();
        model.Observers.Add(observer);
        ChatModelStream stream = model.Stream(Prompt.Hi);
        Assert.Equal("first", (await stream.Text.Take(1).ToListAsync().Within())[0]);

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await stream.CloseAsync().AsTask().Within();

        await sourceCancelled.Task.WaitAsync(TimeSpan.FromSeconds(1));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1));
        var error = Assert.IsAssignableFrom<OperationCanceledException>(stream.Error);
        Assert.Same(error, observer.Error);
        Assert.Equal(["start", "error"], observer.Calls);
        Assert.Same(error, await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await stream));
    }

    [Fact]
    public async Task CloseBeforeStart_NoSourceCall_NoObserver()
    {
        DelegateChatModel model = DelegateChatModel.FromEvents(Answer());
        var observer = new RecordingObserver();
        model.Observers.Add(observer);
        ChatModelStream stream = model.Stream(Prompt.Hi);

        await stream.DisposeAsync().AsTask().Within();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.Text.GetValueAsync().Within());

        Assert.Equal(0, model.Opened);
        Assert.Empty(observer.Calls);
        Assert.IsAssignableFrom<OperationCanceledException>(stream.Error);
    }

    [Fact]
    public async Task CloseAfterSuccess_WaitsForTheEndCallback_AndKeepsTheMessage()
    {
        DelegateChatModel model = DelegateChatModel.FromEvents(Answer());
        var observer = new RecordingObserver { EndDelay = TimeSpan.FromMilliseconds(200) };
        model.Observers.Add(observer);
        ChatModelStream stream = model.Stream(Prompt.Hi);
        AIMessage output = await stream.Output.Within();

        await stream.CloseAsync().AsTask().Within();

        Assert.Equal(["start", "end"], observer.Calls);
        Assert.Same(output, observer.Message);
        Assert.Null(stream.Error);
        Assert.False(model.LastToken.IsCancellationRequested);
    }

    [Fact]
    public async Task AwaitStream_WaitsForTheEndCallback_OutputDoesNot()
    {
        DelegateChatModel model = DelegateChatModel.FromEvents(Answer());
        var observer = new RecordingObserver { EndDelay = TimeSpan.FromMilliseconds(300) };
        model.Observers.Add(observer);
        ChatModelStream stream = model.Stream(Prompt.Hi);

        await stream.Output.Within();
        Assert.Null(observer.Message);
        await stream.GetMessageWithin();
        Assert.NotNull(observer.Message);
    }

    [Fact]
    public async Task CallerToken_CancelsTheRun_ConsumerTokenDoesNot()
    {
        var model = new DelegateChatModel(ct => Stalling(new TaskCompletionSource(), ct));
        using var caller = new CancellationTokenSource();
        using var consumer = new CancellationTokenSource();
        ChatModelStream stream = model.Stream(Prompt.Hi, null, caller.Token);

        Task<string> consumerWait = stream.Text.GetValueAsync(consumer.Token);
        Task<string> otherWait = stream.Text.GetValueAsync();
        await stream.Text.Take(1).ToListAsync().Within();
        consumer.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => consumerWait.Within());
        Assert.False(model.LastToken.IsCancellationRequested);
        Assert.Null(stream.Error);

        caller.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => otherWait.Within());
        Assert.True(model.LastToken.IsCancellationRequested);
    }

    [Fact]
    public async Task CallerTokenAlreadyCancelled_NothingRuns()
    {
        DelegateChatModel model = DelegateChatModel.FromEvents(Answer());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => model.InvokeAsync(Prompt.Hi, null, new CancellationToken(true)).Within());

        Assert.Equal(0, model.Opened);
    }

    [Fact]
    public async Task ManyConsumersRacing_StartTheRunExactlyOnce()
    {
        for (int round = 0; round < 100; round++)
        {
            DelegateChatModel model = DelegateChatModel.FromEvents(Answer());
            var observer = new RecordingObserver();
            model.Observers.Add(observer);
            ChatModelStream stream = model.Stream(Prompt.Hi);
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task[] consumers =
            [
                Task.Run(async () => { await go.Task; await stream; }),
                Task.Run(async () => { await go.Task; await stream.Text; }),
                Task.Run(async () => { await go.Task; await stream.ToListAsync(); }),
                Task.Run(async () => { await go.Task; await stream.Usage.ToListAsync(); }),
            ];

            go.SetResult();
            await Task.WhenAll(consumers).Within();
            Assert.Equal(1, model.Opened);
            Assert.Equal(["start", "end"], observer.Calls);
        }
    }

    [Fact]
    public async Task ThrowingObserver_IsIsolated_OthersStillRun()
    {
        DelegateChatModel model = DelegateChatModel.FromEvents(Answer());
        var bad = new RecordingObserver { ThrowEverywhere = true };
        var good = new RecordingObserver();
        model.Observers.Add(bad);
        model.Observers.Add(good);

        AIMessage message = await model.InvokeAsync(Prompt.Hi).Within();

        Assert.Equal("Hello there", message.Text);
        Assert.Equal(["start", "end"], bad.Calls);
        Assert.Equal(["start", "end"], good.Calls);
        Assert.Equal(5, good.Events.Count);
    }

    [Fact]
    public async Task Observers_AreCopiedWhenStreamIsCalled()
    {
        DelegateChatModel model = DelegateChatModel.FromEvents(Answer());
        var late = new RecordingObserver();
        ChatModelStream stream = model.Stream(Prompt.Hi);
        model.Observers.Add(late);

        await stream.GetMessageWithin();

        Assert.Empty(late.Calls);
    }

    [Fact]
    public async Task Run_CarriesMessagesOptionsAndStartTime()
    {
        DelegateChatModel model = DelegateChatModel.FromEvents(Answer());
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        model.TimeProvider = clock;
        var observer = new RecordingObserver();
        model.Observers.Add(observer);
        var options = new Microsoft.Extensions.AI.ChatOptions { Temperature = 0.5f };

        await model.InvokeAsync(Prompt.Hi, options).Within();

        Assert.Same(model, observer.Run!.Model);
        Assert.Same(options, observer.Run.Options);
        Assert.Equal("hi", Assert.Single(observer.Run.Messages).Text);
        Assert.Equal(clock.GetUtcNow(), observer.Run.StartedAt);
    }

    private static async IAsyncEnumerable<StreamEvent> Stalling(
        TaskCompletionSource cancelled, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        yield return Ev.Start();
        yield return Ev.Text(0, "first");
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        finally
        {
            cancelled.TrySetResult();
        }

        yield return Ev.End();
    }
}
