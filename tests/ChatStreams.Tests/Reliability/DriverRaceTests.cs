using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace ChatStreams.Tests.Reliability;

/// <summary>Races of the driver: close against completion, caller cancellation against the first event; exactly-once callbacks and span ends.</summary>
public sealed class DriverRaceTests : IDisposable
{
    private readonly string _model = "race-" + Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, int> _spanStops = new();
    private readonly ActivityListener _listener;

    public DriverRaceTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ChatStreamsTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                if (a.DisplayName.EndsWith(_model, StringComparison.Ordinal))
                {
                    _spanStops.AddOrUpdate(a.Id!, 1, (_, n) => n + 1);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>Counts callbacks per run id.</summary>
    private sealed class ExactlyOnceObserver : ChatModelObserver
    {
        public ConcurrentDictionary<string, int> Outcomes { get; } = new();

        public override ValueTask OnEndAsync(ChatModelRun run, AIMessage message) => Count(run);

        public override ValueTask OnErrorAsync(ChatModelRun run, Exception error) => Count(run);

        private ValueTask Count(ChatModelRun run)
        {
            Outcomes.AddOrUpdate(run.RunId, 1, (_, n) => n + 1);
            return default;
        }
    }

    [Fact]
    public async Task CloseRacingCompletion_ExactlyOneOutcomeAndOneSpanEndPerRun()
    {
        const int Runs = 2_000;
        var observer = new ExactlyOnceObserver();
        var model = new ScriptedChatModel([.. Enumerable.Range(0, Runs).Select(_ => ScriptedTurn.FromText("a b c"))]);
        model.Observers.Add(observer);
        var random = new Random(7);
        int completed = 0, closed = 0;
        for (int i = 0; i < Runs; i++)
        {
            ChatModelStream stream = model.Stream(Prompt.Hi, new ChatOptions { ModelId = _model });
            Task<List<string>> reader = stream.Text.ToListAsync();
            int spin = random.Next(0, 2_000);
            Task closer = Task.Run(async () =>
            {
                Thread.SpinWait(spin);
                await stream.CloseAsync();
            });

            await closer.Within();
            try
            {
                await reader.Within();
                completed++;
            }
            catch (OperationCanceledException)
            {
                closed++;
            }
        }

        await WaitUntil(() => observer.Outcomes.Count == Runs && _spanStops.Count == Runs);
        Assert.All(observer.Outcomes.Values, n => Assert.Equal(1, n));
        Assert.All(_spanStops.Values, n => Assert.Equal(1, n));
        Assert.True(completed + closed == Runs);
    }

    [Fact]
    public async Task CallerCancellationRacingTheFirstEvent_NeverHangs_OutcomeAlwaysReported()
    {
        const int Runs = 1_000;
        var observer = new ExactlyOnceObserver();
        var model = new ScriptedChatModel([.. Enumerable.Range(0, Runs).Select(_ => ScriptedTurn.FromText("x y"))]);
        model.Observers.Add(observer);
        int started = 0;
        for (int i = 0; i < Runs; i++)
        {
            using var cts = new CancellationTokenSource();
            ChatModelStream stream = model.Stream(Prompt.Hi, new ChatOptions { ModelId = _model }, cts.Token);
            Task<AIMessage> awaited = stream.GetMessageAsync();
            if (i % 2 == 0)
            {
                cts.Cancel();
            }
            else
            {
                _ = Task.Run(cts.Cancel);
            }

            try
            {
                await awaited.Within();
            }
            catch (OperationCanceledException)
            {
            }

            started += stream.MessageId?.StartsWith("run-", StringComparison.Ordinal) == true ? 1 : 0;
        }

        // Every run that started reports exactly one outcome; runs cancelled before starting report none.
        await WaitUntil(() => observer.Outcomes.Count == started);
        Assert.All(observer.Outcomes.Values, n => Assert.Equal(1, n));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), "timed out waiting for the runs to report");
            await Task.Delay(10);
        }
    }
}
