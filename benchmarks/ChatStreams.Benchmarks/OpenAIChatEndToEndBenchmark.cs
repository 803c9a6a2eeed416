using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using MeaiChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace ChatStreams.Benchmarks;

/// <summary>
/// One whole OpenAI Chat Completions answer, from HTTP response to assembled result, on the same bytes:
/// the raw SSE floor, ChatStreams, the OpenAI .NET SDK with accumulation, and Microsoft.Extensions.AI over that SDK.
/// </summary>
[MemoryDiagnoser]
public class OpenAIChatEndToEndBenchmark
{
    private static readonly MeaiChatMessage[] s_prompt = [new(ChatRole.User, "Stream, please.")];

    private BenchHttp _http = null!;
    private OpenAIChatModel _model = null!;
    private OpenAIChatModel _boundedModel = null!;
    private ChatClient _sdk = null!;
    private IChatClient _extensionsAI = null!;

    /// <summary>Gets or sets the transcript: 10,000 text deltas, or two tool calls of 5,000 argument fragments each.</summary>
    [Params("text", "tools")]
    public string Transcript { get; set; } = "text";

    /// <summary>Gets or sets where the bytes come from.</summary>
    [Params(Transport.InMemory, Transport.Loopback)]
    public Transport Transport { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        byte[] body = Transcript == "text" ? Transcripts.OpenAIChatText(10_000) : Transcripts.OpenAIChatTools(5_000);
        _http = new BenchHttp(Transport, body, "text/event-stream");
        var v1 = new Uri(_http.Address, "v1");
        _model = new OpenAIChatModel(new OpenAIChatModelOptions { Model = "gpt-4o", ApiKey = "bench", Endpoint = v1, HttpClient = _http.Client });
        _boundedModel = new OpenAIChatModel(new OpenAIChatModelOptions { Model = "gpt-4o", ApiKey = "bench", Endpoint = v1, HttpClient = _http.Client })
        {
            Replay = ReplayPolicy.Bounded(1_024),
        };
        _sdk = new ChatClient("gpt-4o", new ApiKeyCredential("bench"), new OpenAIClientOptions { Endpoint = v1, Transport = new HttpClientPipelineTransport(_http.Client) });
        _extensionsAI = _sdk.AsIChatClient();
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _http.DisposeAsync();

    /// <summary>The floor: split the body into SSE events and nothing more.</summary>
    [Benchmark(Baseline = true)]
    public Task<int> RawSse() => RawSseFloor.ReadAsync(_http, "v1/chat/completions");

    [Benchmark]
    public Task<int> ChatStreams() => InvokeAsync(_model);

    /// <summary>ChatStreams keeping only about the last 1,024 items of each replay log (<see cref="ReplayPolicy.Bounded"/>).</summary>
    [Benchmark]
    public Task<int> ChatStreamsBoundedReplay() => InvokeAsync(_boundedModel);

    private static async Task<int> InvokeAsync(ChatModel model)
    {
        AIMessage message = await model.InvokeAsync(s_prompt);
        return message.Text.Length + message.ToolCalls.Sum(c => c.Args.GetRawText().Length);
    }

    [Benchmark]
    public async Task<int> OpenAISdk()
    {
        var text = new StringBuilder();
        var args = new Dictionary<int, StringBuilder>();
        await foreach (StreamingChatCompletionUpdate update in _sdk.CompleteChatStreamingAsync([new UserChatMessage("Stream, please.")]))
        {
            foreach (ChatMessageContentPart part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            foreach (StreamingChatToolCallUpdate call in update.ToolCallUpdates)
            {
                if (!args.TryGetValue(call.Index, out StringBuilder? builder))
                {
                    args[call.Index] = builder = new StringBuilder();
                }

                builder.Append(call.FunctionArgumentsUpdate?.ToString());
            }
        }

        return text.Length + args.Values.Sum(b => b.Length);
    }

    [Benchmark]
    public async Task<int> ExtensionsAI()
    {
        ChatResponse response = await _extensionsAI.GetStreamingResponseAsync(s_prompt).ToChatResponseAsync();
        return response.Text.Length + response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Count();
    }
}
