using Anthropic;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace ChatStreams.Benchmarks;

/// <summary>
/// One whole Anthropic answer (thinking, then text; 12,500 deltas), from HTTP response to assembled result, on the
/// same bytes: the raw SSE floor, ChatStreams, and Microsoft.Extensions.AI over the Anthropic .NET SDK.
/// </summary>
[MemoryDiagnoser]
public class AnthropicEndToEndBenchmark
{
    private static readonly ChatMessage[] s_prompt = [new(ChatRole.User, "Think, then answer.")];

    private BenchHttp _http = null!;
    private AnthropicChatModel _model = null!;
    private IChatClient _extensionsAI = null!;

    /// <summary>Gets or sets where the bytes come from.</summary>
    [Params(Transport.InMemory, Transport.Loopback)]
    public Transport Transport { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _http = new BenchHttp(Transport, Transcripts.AnthropicThinkingText(12_500), "text/event-stream");
        _model = new AnthropicChatModel(new AnthropicChatModelOptions { Model = "claude-sonnet-4-5", ApiKey = "bench", Endpoint = _http.Address, HttpClient = _http.Client });
        var sdk = new AnthropicClient { ApiKey = "bench", BaseUrl = _http.Address.ToString().TrimEnd('/'), HttpClient = _http.Client };
        _extensionsAI = sdk.AsIChatClient("claude-sonnet-4-5", 4096);
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _http.DisposeAsync();

    /// <summary>The floor: split the body into SSE events and nothing more.</summary>
    [Benchmark(Baseline = true)]
    public Task<int> RawSse() => RawSseFloor.ReadAsync(_http, "v1/messages");

    [Benchmark]
    public async Task<int> ChatStreams()
    {
        AIMessage message = await _model.InvokeAsync(s_prompt);
        return message.Text.Length + message.Reasoning.Length;
    }

    [Benchmark]
    public async Task<int> ExtensionsAI()
    {
        ChatResponse response = await _extensionsAI.GetStreamingResponseAsync(s_prompt).ToChatResponseAsync();
        return response.Text.Length + response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Sum(r => r.Text.Length);
    }
}
