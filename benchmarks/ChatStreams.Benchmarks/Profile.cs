using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace ChatStreams.Benchmarks;

internal static class Profile
{
    public static async Task RunAsync(string which, double seconds)
    {
        byte[] body = which switch { "tools" => Transcripts.OpenAIChatTools(5_000), "anthropic" => Transcripts.AnthropicThinkingText(12_500), _ => Transcripts.OpenAIChatText(10_000) };
        await using var bench = new BenchHttp(Environment.GetEnvironmentVariable("LOOPBACK") is null ? Transport.InMemory : Transport.Loopback, body, "text/event-stream");
        HttpClient http = bench.Client;
        ChatModel model = which == "anthropic"
            ? new AnthropicChatModel(new AnthropicChatModelOptions { Model = "m", ApiKey = "k", Endpoint = new Uri(bench.Address, "v1"), HttpClient = http })
            : new OpenAIChatModel(new OpenAIChatModelOptions { Model = "m", Endpoint = new Uri(bench.Address, "v1"), HttpClient = http });
        ChatMessage[] prompt = [new(ChatRole.User, "hi")];
        await model.InvokeAsync(prompt);
        long bytes = GC.GetTotalAllocatedBytes(true);
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var sw = Stopwatch.StartNew();
        int n = 0;
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            await model.InvokeAsync(prompt);
            n++;

        }
        Console.WriteLine($"{n} runs, {sw.Elapsed.TotalMilliseconds / n:0.000} ms each, {(GC.GetTotalAllocatedBytes(true) - bytes) / n / 1024.0:0.0} KB each, GCs {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}");
    }
}
