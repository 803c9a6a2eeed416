using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;

namespace ChatStreams.Benchmarks;

/// <summary>
/// Runs one end-to-end answer in a loop for a while, for a profiler to attach to, and prints the time and memory
/// each took. <c>perf record -g</c> shows .NET frames with <c>DOTNET_PerfMapEnabled=1</c> and
/// <c>DOTNET_EnableWriteXorExecute=0</c>.
/// </summary>
internal static class Profile
{
    public static async Task RunAsync(string transcript, string seconds, string transport)
    {
        byte[] body = transcript switch
        {
            "text" => Transcripts.OpenAIChatText(10_000),
            "tools" => Transcripts.OpenAIChatTools(5_000),
            "anthropic" => Transcripts.AnthropicThinkingText(12_500),
            _ => throw new ArgumentException($"Unknown transcript '{transcript}': text, tools or anthropic.", nameof(transcript)),
        };
        await using var http = new BenchHttp(Enum.Parse<Transport>(transport, ignoreCase: true), body, "text/event-stream");
        ChatModel model = transcript == "anthropic"
            ? new AnthropicChatModel(new AnthropicChatModelOptions { Model = "m", ApiKey = "k", Endpoint = http.Address, HttpClient = http.Client })
            : new OpenAIChatModel(new OpenAIChatModelOptions { Model = "m", Endpoint = new Uri(http.Address, "v1"), HttpClient = http.Client });
        ChatMessage[] prompt = [new(ChatRole.User, "hi")];

        await model.InvokeAsync(prompt);
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        TimeSpan duration = TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture));
        var stopwatch = Stopwatch.StartNew();
        int runs = 0;
        while (stopwatch.Elapsed < duration)
        {
            await model.InvokeAsync(prompt);
            runs++;
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{runs} answers: {stopwatch.Elapsed.TotalMilliseconds / runs:0.000} ms and {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / runs / 1024.0:0.0} KB each; " +
            $"GCs gen0/1/2 {GC.CollectionCount(0) - collections[0]}/{GC.CollectionCount(1) - collections[1]}/{GC.CollectionCount(2) - collections[2]}"));
    }
}
