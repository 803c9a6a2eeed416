using System.Runtime.CompilerServices;

namespace ChatStreams.Tests.Streaming;

[CollectionDefinition(nameof(UnobservedFailureTests), DisableParallelization = true)]
public sealed class UnobservedFailureGroup;

/// <summary>DESIGN 4.7: a failed stream nobody awaited never raises <see cref="TaskScheduler.UnobservedTaskException"/>.</summary>
[Collection(nameof(UnobservedFailureTests))]
public class UnobservedFailureTests
{
    [Fact]
    public async Task FailedStreams_NobodyAwaited_RaiseNoUnobservedTaskException()
    {
        string marker = Guid.NewGuid().ToString("N");
        var unobserved = new List<Exception>();
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            if (e.Exception.ToString().Contains(marker, StringComparison.Ordinal))
            {
                lock (unobserved)
                {
                    unobserved.Add(e.Exception);
                }
            }
        }

        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            for (int i = 0; i < 20; i++)
            {
                await AbandonFailingStreamsAsync(marker);
            }

            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }

        Assert.Empty(unobserved);
    }

    /// <summary>Creates streams that fail in every way while values are requested and then dropped.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task AbandonFailingStreamsAsync(string marker)
    {
        var failed = new ChatModelStream();
        _ = failed.Text.GetValueAsync();
        _ = failed.Output.GetValueAsync();
        failed.Fail(new InvalidOperationException(marker));

        var errorEvent = new ChatModelStream();
        errorEvent.Dispatch(new ErrorEvent(marker, "x"));
        _ = errorEvent.ToolCalls.GetValueAsync();

        var startFails = new ChatModelStream();
        startFails.SetStart(_ => throw new InvalidOperationException(marker));
        _ = startFails.Usage.GetValueAsync();

        var pumpFails = new ChatModelStream();
        pumpFails.SetRequestMore(_ => throw new InvalidOperationException(marker));
        _ = pumpFails.Reasoning.GetValueAsync();

        var closed = new ChatModelStream();
        _ = closed.Text.GetValueAsync();
        await closed.CloseAsync();

        var awaitedLater = new ChatModelStream();
        _ = awaitedLater.GetAwaiter();
        awaitedLater.Fail(new InvalidOperationException(marker));
        await Task.Delay(1);
    }
}
