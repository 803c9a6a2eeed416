using BenchmarkDotNet.Attributes;

namespace ChatStreams.Benchmarks;

/// <summary>A late consumer replaying a finished stream of 10,000 text deltas from the start (per delta).</summary>
[MemoryDiagnoser]
public class ReplayBenchmark
{
    private const int Deltas = 10_000;

    private ChatModelStream _stream = null!;

    [GlobalSetup]
    public void Setup()
    {
        _stream = new ChatModelStream("replay");
        _stream.Dispatch(new MessageStartEvent("replay", null, null));
        for (int i = 0; i < Deltas; i++)
        {
            _stream.Dispatch(new ContentBlockDeltaEvent(0, new TextDelta("word ")));
        }

        _stream.Dispatch(new MessageFinishEvent(null, "stop", null));
    }

    [Benchmark(OperationsPerInvoke = Deltas)]
    public async Task<int> LateConsumerReplaysText()
    {
        int count = 0;
        await foreach (string _ in _stream.Text)
        {
            count++;
        }

        return count;
    }
}
