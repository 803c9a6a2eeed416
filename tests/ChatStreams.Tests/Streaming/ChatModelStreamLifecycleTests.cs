namespace ChatStreams.Tests.Streaming;

/// <summary>Lazy start, the pull pump, close in every state, and the producer hand-off.</summary>
public class ChatModelStreamLifecycleTests
{
    /// <summary>A stream whose start callback dispatches a short message, counting its runs.</summary>
    private static (ChatModelStream Stream, Func<int> Starts) StartedByConsumers()
    {
        var stream = new ChatModelStream();
        int starts = 0;
        stream.SetStart(async _ =>
        {
            Interlocked.Increment(ref starts);
            await Task.Yield();
            stream.Dispatch(Ev.Start("m"));
            stream.Dispatch(Ev.Text(0, "hi"));
            stream.Dispatch(Ev.End());
        });
        return (stream, () => Volatile.Read(ref starts));
    }

    [Fact]
    public async Task Start_IsNotRunByPropertiesSnapshotOrProjectionAccess()
    {
        var (stream, starts) = StartedByConsumers();

        _ = (stream.IsDone, stream.HasEvents, stream.Error, stream.OutputMessage, stream.MessageId, stream.Text.IsDone, stream.Text.Error);
        _ = stream.Snapshot();
        await using IAsyncEnumerator<string> notMoved = stream.Text.GetAsyncEnumerator();

        Assert.Equal(0, starts());
    }

    [Theory]
    [InlineData("await stream")]
    [InlineData("await text")]
    [InlineData("GetValueAsync")]
    [InlineData("iterate text")]
    [InlineData("iterate raw")]
    [InlineData("await output")]
    public async Task Start_RunsOnFirstRead(string how)
    {
        var (stream, starts) = StartedByConsumers();

        Task read = how switch
        {
            "await stream" => Task.Run(async () => await stream),
            "await text" => Task.Run(async () => await stream.Text),
            "GetValueAsync" => stream.ToolCalls.GetValueAsync(),
            "iterate text" => stream.Text.ToListAsync(),
            "iterate raw" => stream.ToListAsync(),
            _ => Task.Run(async () => await stream.Output),
        };
        await read.Within();

        Assert.Equal(1, starts());
        Assert.Equal("hi", stream.OutputMessage!.Text);
    }

    [Fact]
    public async Task Start_ManyFirstConsumersRacing_RunsExactlyOnce()
    {
        for (int round = 0; round < 200; round++)
        {
            var (stream, starts) = StartedByConsumers();
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task[] consumers = [.. Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            {
                await go.Task;
                if (i % 2 == 0)
                {
                    Assert.Equal("hi", await stream.Text);
                }
                else
                {
                    Assert.Equal(["hi"], await stream.Text.ToListAsync());
                }
            }))];

            go.SetResult();
            await Task.WhenAll(consumers).Within();
            Assert.Equal(1, starts());
        }
    }

    [Fact]
    public async Task Start_Throws_StreamFailsWithThatInstance()
    {
        var stream = new ChatModelStream();
        var boom = new InvalidOperationException("start failed");
        stream.SetStart(_ => throw boom);

        Assert.Same(boom, await Assert.ThrowsAsync<InvalidOperationException>(() => stream.Text.ToListAsync().Within()));
        Assert.Same(boom, await Assert.ThrowsAsync<InvalidOperationException>(async () => await stream));
        Assert.Same(boom, stream.Error);
    }

    [Fact]
    public async Task Start_ConsumerTokenFires_StartRunsOnForOthers_WithTheStreamsToken()
    {
        var stream = new ChatModelStream();
        var release = new TaskCompletionSource();
        CancellationToken seen = default;
        stream.SetStart(async token =>
        {
            seen = token;
            await release.Task;
            stream.Dispatch(Ev.Text(0, "late"));
            stream.Dispatch(Ev.End());
        });
        using var cts = new CancellationTokenSource();

        Task<string> first = stream.Text.GetValueAsync(cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.Within());
        Task<string> second = stream.Text.GetValueAsync();
        release.SetResult();

        Assert.Equal("late", await second.Within());
        Assert.False(seen.IsCancellationRequested);
        Assert.True(seen.CanBeCanceled);
    }

    [Fact]
    public async Task Close_NeverStarted_FailsWithCancellation_AndNeverRunsTheStart()
    {
        var (stream, starts) = StartedByConsumers();

        await stream.CloseAsync().AsTask().Within();

        Assert.IsAssignableFrom<OperationCanceledException>(stream.Error);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.Text.ToListAsync().Within());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await stream);
        Assert.Equal(0, starts());
    }

    [Fact]
    public async Task Close_NoProducer_ReleasesEveryWaiter()
    {
        var stream = new ChatModelStream();
        stream.Dispatch(Ev.Text(0, "a"));
        Task<List<string>> iterating = Task.Run(() => stream.Text.ToListAsync());
        Task<AIMessage> awaiting = Task.Run(async () => await stream);
        Task<string> value = stream.Text.GetValueAsync();
        await Task.Delay(20);

        await stream.DisposeAsync().AsTask().Within();

        var error = Assert.IsAssignableFrom<OperationCanceledException>(stream.Error);
        Assert.Same(error, await Assert.ThrowsAnyAsync<OperationCanceledException>(() => iterating.Within()));
        Assert.Same(error, await Assert.ThrowsAnyAsync<OperationCanceledException>(() => awaiting.Within()));
        Assert.Same(error, await Assert.ThrowsAnyAsync<OperationCanceledException>(() => value.Within()));
    }

    [Fact]
    public async Task Close_MidStream_FailsFirstThenCancelsTheProducerToken()
    {
        var stream = new ChatModelStream();
        var cancelledWith = new TaskCompletionSource<Exception?>();
        stream.SetStart(token =>
        {
            token.Register(() => cancelledWith.TrySetResult(stream.Error));
            stream.Dispatch(Ev.Text(0, "partial"));
            return ValueTask.CompletedTask;
        });
        Assert.Equal("partial", (await stream.Text.Take(1).ToListAsync().Within())[0]);

        await stream.CloseAsync().AsTask().Within();

        Exception? errorWhenCancelled = await cancelledWith.Task.Within();
        Assert.IsAssignableFrom<OperationCanceledException>(errorWhenCancelled);
        Assert.Same(stream.Error, errorWhenCancelled);
        Assert.Equal("partial", stream.Snapshot().Text);
    }

    [Fact]
    public async Task Close_AfterCompletion_DoesNotCancelOrChangeTheOutcome()
    {
        var stream = new ChatModelStream();
        CancellationToken producerToken = default;
        stream.SetStart(token =>
        {
            producerToken = token;
            stream.Dispatch(Ev.Text(0, "ok"));
            stream.Dispatch(Ev.End());
            return ValueTask.CompletedTask;
        });
        AIMessage message = await stream.GetMessageWithin();

        await stream.CloseAsync().AsTask().Within();
        await stream.CloseAsync().AsTask().Within();

        Assert.Null(stream.Error);
        Assert.False(producerToken.IsCancellationRequested);
        Assert.Same(message, await stream.GetMessageWithin());
    }

    [Fact]
    public async Task Close_AfterFailure_KeepsTheOriginalError()
    {
        var stream = new ChatModelStream();
        var boom = new TimeoutException("provider");
        stream.Fail(boom);

        await stream.CloseAsync().AsTask().Within();

        Assert.Same(boom, stream.Error);
    }

    [Fact]
    public async Task Close_WaitsForProducerPostWork_AndAwaitStreamToo()
    {
        var stream = new ChatModelStream();
        var postWork = new TaskCompletionSource();
        stream.SetStart(_ =>
        {
            stream.AttachProducer(Task.Run(async () =>
            {
                stream.Dispatch(Ev.Text(0, "done"));
                stream.Dispatch(Ev.End());
                await postWork.Task;
            }, CancellationToken.None));
            return ValueTask.CompletedTask;
        });

        Task<AIMessage> awaited = Task.Run(async () => await stream);
        Assert.Equal("done", await stream.Output.Within().ContinueWith(t => t.Result.Text));
        ValueTask closing = stream.CloseAsync();
        await Task.Delay(50);
        Assert.False(awaited.IsCompleted);
        Assert.False(closing.IsCompleted);

        postWork.SetResult();
        await closing.AsTask().Within();
        Assert.Equal("done", (await awaited.Within()).Text);
        Assert.Null(stream.Error);
    }

    [Fact]
    public async Task Close_CallersTokenAbandonsOnlyTheWait_TheCloseStillHappens()
    {
        var stream = new ChatModelStream();
        var neverEnds = new TaskCompletionSource();
        stream.SetStart(_ =>
        {
            stream.AttachProducer(neverEnds.Task);
            return ValueTask.CompletedTask;
        });
        await stream.EnsureStartedAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.CloseAsync(cts.Token).AsTask().Within());

        Assert.IsAssignableFrom<OperationCanceledException>(stream.Error);
        neverEnds.SetResult();
    }

    [Fact]
    public async Task Pump_DrivesTheStream_OnlyWhenConsumersNeedMore()
    {
        var stream = new ChatModelStream();
        var script = new Queue<StreamEvent>([Ev.Start(), Ev.Text(0, "a"), Ev.Reasoning(1, "r"), Ev.Text(0, "b"), Ev.End()]);
        int pumps = 0;
        stream.SetRequestMore(_ =>
        {
            pumps++;
            if (script.Count == 0)
            {
                return ValueTask.FromResult(false);
            }

            stream.Dispatch(script.Dequeue());
            return ValueTask.FromResult(true);
        });

        Assert.Equal(0, pumps);
        await using IAsyncEnumerator<string> text = stream.Text.GetAsyncEnumerator();
        Assert.True(await text.MoveNextAsync());
        Assert.Equal(("a", 2), (text.Current, pumps));
        Assert.Equal("ab", await stream.Text.Within());
        Assert.Equal(5, pumps);
        Assert.Equal("r", stream.OutputMessage!.Reasoning);
    }

    [Fact]
    public async Task Pump_RunsDryBeforeFinish_FailsWithInvalidOperation()
    {
        var stream = new ChatModelStream();
        int calls = 0;
        stream.SetRequestMore(_ =>
        {
            if (calls++ == 0)
            {
                stream.Dispatch(Ev.Text(0, "only"));
                return ValueTask.FromResult(true);
            }

            return ValueTask.FromResult(false);
        });

        var seen = new List<string>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (string delta in stream.Text)
            {
                seen.Add(delta);
            }
        });
        Assert.Equal(["only"], seen);
        Assert.Contains("message-finish", error.Message, StringComparison.Ordinal);
        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(async () => await stream));
    }

    [Fact]
    public async Task Pump_Throws_StreamFailsWithThatInstance()
    {
        var stream = new ChatModelStream();
        var boom = new IOException("reset");
        stream.SetRequestMore(_ => throw boom);

        Assert.Same(boom, await Assert.ThrowsAsync<IOException>(() => stream.Text.GetValueAsync().Within()));
    }

    [Fact]
    public async Task Pump_ManyConsumers_NeverInvokedConcurrently()
    {
        for (int round = 0; round < 100; round++)
        {
            var stream = new ChatModelStream();
            int inside = 0, overlaps = 0, produced = 0;
            stream.SetRequestMore(async _ =>
            {
                if (Interlocked.Increment(ref inside) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                await Task.Yield();
                int n = produced++;
                stream.Dispatch(n < 50 ? Ev.Text(0, "x") : Ev.End());
                Interlocked.Decrement(ref inside);
                return true;
            });

            Task<List<string>>[] consumers = [.. Enumerable.Range(0, 6).Select(_ => Task.Run(() => stream.Text.ToListAsync()))];
            Task<string> awaiter = stream.Text.GetValueAsync();
            foreach (Task<List<string>> consumer in consumers)
            {
                Assert.Equal(50, (await consumer.Within()).Count);
            }

            Assert.Equal(new string('x', 50), await awaiter.Within());
            Assert.Equal(0, overlaps);
        }
    }
}
