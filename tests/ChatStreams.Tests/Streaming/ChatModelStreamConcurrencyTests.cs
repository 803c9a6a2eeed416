namespace ChatStreams.Tests.Streaming;

/// <summary>
/// Races producer and consumers on different threads. Every wait is bounded, so a deadlock or a lost wake
/// fails the test instead of hanging it.
/// </summary>
public class ChatModelStreamConcurrencyTests
{
    private static StreamEvent[] Message(int deltas)
    {
        var events = new List<StreamEvent> { Ev.Start("m"), Ev.BlockStart(1, new ToolCallChunkBlock("c", "f", "")) };
        for (int i = 0; i < deltas; i++)
        {
            events.Add(Ev.Text(0, $"t{i} "));
            if (i % 10 == 0)
            {
                events.Add(Ev.Reasoning(2, "r"));
                events.Add(Ev.Args(1, i == 0 ? "{\"n\":\"" : "x"));
            }
        }

        events.Add(Ev.Args(1, "\"}"));
        events.Add(Ev.End());
        return [.. events];
    }

    [Fact]
    public async Task ManyConsumers_ProducerOnAnotherThread_EveryConsumerSeesTheExactSequence()
    {
        StreamEvent[] events = Message(60);
        string[] expectedText = [.. events.OfType<ContentBlockDeltaEvent>().Select(e => e.Delta).OfType<TextDelta>().Select(d => d.Text)];

        for (int round = 0; round < 500; round++)
        {
            var stream = new ChatModelStream();
            Task<List<string>>[] texts = [.. Enumerable.Range(0, 4).Select(_ => Task.Run(() => stream.Text.ToListAsync()))];
            Task<List<StreamEvent>> raw = Task.Run(() => stream.ToListAsync());
            Task<List<ToolCallChunk>> tools = Task.Run(() => stream.ToolCalls.ToListAsync());
            Task<AIMessage> awaited = Task.Run(async () => await stream);
            Task producer = Task.Run(() =>
            {
                foreach (StreamEvent e in events)
                {
                    stream.Dispatch(e);
                }
            });

            await producer.Within();
            foreach (Task<List<string>> text in texts)
            {
                Assert.Equal(expectedText, await text.Within());
            }

            Assert.Equal(events, await raw.Within());
            Assert.Equal("{\"n\":\"xxxxx\"}", (await tools.Within())[^1].Args);
            Assert.Equal(string.Concat(expectedText), (await awaited.Within()).Text);

            // A consumer that arrives after the end replays everything.
            Assert.Equal(expectedText, await stream.Text.CollectAsync());
        }
    }

    [Fact]
    public async Task CloseDuringDispatch_ConsumersEndConsistently_NeverHang()
    {
        StreamEvent[] events = Message(100);
        var random = new Random(1234);
        int closedFirst = 0, completedFirst = 0;
        for (int round = 0; round < 1000; round++)
        {
            var stream = new ChatModelStream();
            Task<List<string>> text = Task.Run(() => stream.Text.ToListAsync());
            Task<string> value = stream.Text.GetValueAsync();
            int closeAfter = random.Next(events.Length + 5);
            Task producer = Task.Run(() =>
            {
                foreach (StreamEvent e in events)
                {
                    stream.Dispatch(e);
                }
            });
            Task closer = Task.Run(async () =>
            {
                for (int spin = 0; spin < closeAfter; spin++)
                {
                    Thread.SpinWait(20);
                }

                await stream.CloseAsync();
            });

            await Task.WhenAll(producer, closer).Within();
            if (stream.Error is OperationCanceledException closed)
            {
                closedFirst++;
                Assert.Null(stream.OutputMessage);
                Assert.Same(closed, await Assert.ThrowsAnyAsync<OperationCanceledException>(() => text.Within()));
                Assert.Same(closed, await Assert.ThrowsAnyAsync<OperationCanceledException>(() => value.Within()));
                Assert.StartsWith(string.Concat(stream.Snapshot().Text), string.Concat(events.OfType<ContentBlockDeltaEvent>().Select(e => (e.Delta as TextDelta)?.Text)));
            }
            else
            {
                completedFirst++;
                Assert.Null(stream.Error);
                Assert.Equal(string.Concat(await text.Within()), await value.Within());
            }
        }

        Assert.True(closedFirst > 0 && completedFirst > 0, $"both orders should occur: closed {closedFirst}, completed {completedFirst}");
    }

    [Fact]
    public async Task FailDuringAwait_EveryWaiterGetsTheSameInstance()
    {
        for (int round = 0; round < 1000; round++)
        {
            var stream = new ChatModelStream();
            stream.Dispatch(Ev.Text(0, "before"));
            var error = new InvalidDataException($"round {round}");
            Task[] waiters =
            [
                Task.Run(async () => await stream),
                Task.Run(async () => await stream.Text),
                stream.Reasoning.GetValueAsync(),
                Task.Run(() => stream.ToolCalls.ToListAsync()),
                Task.Run(() => stream.ToListAsync()),
                Task.Run(() => stream.Text.ToListAsync()),
                Task.Run(async () => await stream.Output),
            ];
            Task failer = Task.Run(() => stream.Fail(error));

            await failer.Within();
            foreach (Task waiter in waiters)
            {
                Assert.Same(error, await Assert.ThrowsAsync<InvalidDataException>(() => waiter.Within()));
            }
        }
    }

    [Fact]
    public async Task ConsumerCancellationRacingDispatch_OthersLoseNothing()
    {
        StreamEvent[] events = Message(80);
        string expected = string.Concat(events.OfType<ContentBlockDeltaEvent>().Select(e => (e.Delta as TextDelta)?.Text));
        var random = new Random(42);
        for (int round = 0; round < 500; round++)
        {
            var stream = new ChatModelStream();
            using var cts = new CancellationTokenSource();
            Task<List<string>> cancelled = Task.Run(() => stream.Text.ToListAsync(cts.Token));
            Task<List<string>> kept = Task.Run(() => stream.Text.ToListAsync());
            Task<string> keptValue = stream.Text.GetValueAsync();
            Task<string> cancelledValue = stream.Text.GetValueAsync(cts.Token);
            int cancelAt = random.Next(events.Length);
            Task producer = Task.Run(() =>
            {
                for (int i = 0; i < events.Length; i++)
                {
                    if (i == cancelAt)
                    {
                        cts.Cancel();
                    }

                    stream.Dispatch(events[i]);
                }
            });

            await producer.Within();
            Assert.Equal(expected, string.Concat(await kept.Within()));
            Assert.Equal(expected, await keptValue.Within());
            try
            {
                Assert.StartsWith(string.Concat(await cancelled.Within()), expected, StringComparison.Ordinal);
            }
            catch (OperationCanceledException)
            {
            }

            await Task.WhenAny(cancelledValue).Within();
            Assert.Null(stream.Error);
        }
    }

    [Fact]
    public async Task ConcurrentDispatchers_LockKeepsEveryViewConsistent()
    {
        for (int round = 0; round < 200; round++)
        {
            var stream = new ChatModelStream();
            Task<List<string>> consumer = Task.Run(() => stream.Text.ToListAsync());
            Task[] producers = [.. Enumerable.Range(0, 4).Select(p => Task.Run(() =>
            {
                for (int i = 0; i < 50; i++)
                {
                    stream.Dispatch(Ev.Text(0, $"{p}.{i};"));
                    _ = stream.Snapshot();
                }
            }))];
            await Task.WhenAll(producers).Within();
            stream.Dispatch(Ev.End());

            List<string> seen = await consumer.Within();
            Assert.Equal(200, seen.Count);
            List<string> raw = [.. (await stream.CollectAsync()).OfType<ContentBlockDeltaEvent>().Select(e => ((TextDelta)e.Delta).Text)];
            Assert.Equal(raw, seen);
            Assert.Equal(string.Concat(seen), stream.OutputMessage!.Text);
        }
    }

    [Fact]
    public async Task SnapshotDuringDispatch_IsAlwaysAPrefix()
    {
        StreamEvent[] events = Message(300);
        string full = string.Concat(events.OfType<ContentBlockDeltaEvent>().Select(e => (e.Delta as TextDelta)?.Text));
        var stream = new ChatModelStream();
        Task producer = Task.Run(() =>
        {
            foreach (StreamEvent e in events)
            {
                stream.Dispatch(e);
            }
        });

        while (!producer.IsCompleted)
        {
            AIMessage snapshot = stream.Snapshot();
            Assert.StartsWith(snapshot.Text, full, StringComparison.Ordinal);
        }

        await producer.Within();
        Assert.Equal(full, stream.Snapshot().Text);
    }
}
