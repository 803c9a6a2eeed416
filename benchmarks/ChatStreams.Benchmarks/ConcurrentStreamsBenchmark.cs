using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace ChatStreams.Benchmarks;

/// <summary>1,000 concurrent answers of 200 OpenAI chat deltas each, over an in-memory HTTP handler, all awaited.</summary>
[MemoryDiagnoser]
public class ConcurrentStreamsBenchmark
{
    private static readonly ChatMessage[] s_prompt = [new(ChatRole.User, "hi")];

    private HttpClient _http = null!;
    private OpenAIChatModel _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        _http = new HttpClient(new InMemoryHandler(Transcripts.OpenAIChatText(200), "text/event-stream"));
        _model = new OpenAIChatModel(new OpenAIChatModelOptions { Model = "m", Endpoint = new Uri("http://in-memory.test/v1"), HttpClient = _http });
    }

    [GlobalCleanup]
    public void Cleanup() => _http.Dispose();

    [Benchmark]
    public async Task<int> ThousandConcurrentStreams()
    {
        AIMessage[] answers = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(_ => Task.Run(() => _model.InvokeAsync(s_prompt))));
        return answers.Sum(a => a.Text.Length);
    }
}
