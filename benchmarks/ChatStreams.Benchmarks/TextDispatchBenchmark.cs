using System.Threading.Channels;
using BenchmarkDotNet.Attributes;

namespace ChatStreams.Benchmarks;

/// <summary>
/// Dispatch of 10,000 text deltas while live consumers iterate <see cref="ChatModelStream.Text"/> on other
/// threads. Figures are per delta (OperationsPerInvoke). The baseline hands the same events to one reader
/// through an unbounded <see cref="Channel{T}"/>, the BCL's fastest producer/consumer hand-off, which neither
/// accumulates, replays nor fans out.
/// </summary>
[MemoryDiagnoser]
public class TextDispatchBenchmark
{
    private const int Deltas = 10_000;

    private static readonly string[] s_words = ["Hello", ",", " world", "!", " The", " weather", " in", " Paris", " is", " mild"];

    private StreamEvent[] _deltas = [];

    [GlobalSetup]
    public void Setup() =>
        _deltas = [.. Enumerable.Range(0, Deltas).Select(i => (StreamEvent)new ContentBlockDeltaEvent(0, new TextDelta(s_words[i % s_words.Length])))];

    [Benchmark(Baseline = true, OperationsPerInvoke = Deltas)]
    public async Task<int> ChannelOneReader()
    {
        var channel = Channel.CreateUnbounded<StreamEvent>(new UnboundedChannelOptions { SingleWriter = true, SingleReader = true });
        Task<int> reader = Task.Run(async () =>
        {
            int count = 0;
            await foreach (StreamEvent _ in channel.Reader.ReadAllAsync())
            {
                count++;
            }

            return count;
        });
        foreach (StreamEvent delta in _deltas)
        {
            channel.Writer.TryWrite(delta);
        }

        channel.Writer.Complete();
        return await reader;
    }

    /// <summary>Gets or sets the number of live consumers of <see cref="ChatModelStream.Text"/>.</summary>
    [Params(1, 4, 100)]
    public int Consumers { get; set; } = 1;

    [Benchmark(OperationsPerInvoke = Deltas)]
    public async Task<int> ChatModelStream()
    {
        int consumers = Consumers;
        var stream = new ChatStreams.ChatModelStream("bench");
        Task<int>[] readers = [.. Enumerable.Range(0, consumers).Select(_ => Task.Run(async () =>
        {
            int count = 0;
            await foreach (string _ in stream.Text)
            {
                count++;
            }

            return count;
        }))];
        stream.Dispatch(new MessageStartEvent("bench", null, null));
        foreach (StreamEvent delta in _deltas)
        {
            stream.Dispatch(delta);
        }

        stream.Dispatch(new MessageFinishEvent(null, "stop", null));
        int total = 0;
        foreach (Task<int> reader in readers)
        {
            total += await reader;
        }

        return total;
    }
}
