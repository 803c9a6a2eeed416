using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace ChatStreams.Benchmarks;

/// <summary>
/// Figures BenchmarkDotNet does not express well: the memory 10,000 open streams hold (measured after a forced GC,
/// while they are open), and the time 1,000 concurrent streams take to complete.
/// </summary>
internal static class ScaleFigures
{
    public static async Task RunAsync()
    {
        // 10,000 streams that are started, mid-answer (a text block with 20 deltas each), and still open.
        long before = Retained();
        var streams = new List<ChatModelStream>(10_000);
        for (int i = 0; i < 10_000; i++)
        {
            var stream = new ChatModelStream("s" + i);
            stream.Dispatch(new MessageStartEvent("s" + i, null, null));
            stream.Dispatch(new ContentBlockStartEvent(0, new TextBlock(string.Empty)));
            for (int d = 0; d < 20; d++)
            {
                stream.Dispatch(new ContentBlockDeltaEvent(0, new TextDelta(" word")));
            }

            streams.Add(stream);
        }

        long open = Retained() - before;
        Console.WriteLine($"10,000 open streams (20 deltas each): {open / (1024.0 * 1024.0):0.0} MB retained, {open / 10_000.0:0} B per stream");
        foreach (ChatModelStream stream in streams)
        {
            await stream.CloseAsync();
        }

        streams.Clear();
        GC.KeepAlive(streams);

        // 1,000 concurrent answers of 200 deltas each, over an in-memory HTTP handler.
        byte[] body = Transcripts.OpenAIChatText(200);
        using var http = new HttpClient(new InMemoryHandler(body, "text/event-stream"));
        var model = new OpenAIChatModel(new OpenAIChatModelOptions { Model = "m", Endpoint = new Uri("http://in-memory.test/v1"), HttpClient = http });
        ChatMessage[] prompt = [new(ChatRole.User, "hi")];
        for (int round = 0; round < 3; round++)
        {
            var stopwatch = Stopwatch.StartNew();
            AIMessage[] answers = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(_ => Task.Run(() => model.InvokeAsync(prompt))));
            stopwatch.Stop();
            int complete = answers.Count(a => a.Text.Length > 0 && a.FinishReason == "stop");
            Console.WriteLine($"1,000 concurrent streams of 200 deltas: {stopwatch.Elapsed.TotalMilliseconds:0} ms ({complete} complete)");
        }
    }

    private static long Retained()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
