using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChatStreams.Tests.Interop;

public class ChatModelChatClientTests
{
    private static AIMessage RichMessage() => new()
    {
        Id = "msg_rich",
        Content =
        [
            new ReasoningBlock("Thinking it over.") { Extras = Json.Map("""{"signature":"sig-1"}""") },
            new TextBlock("Let me check."),
            Ev.Call("call_1", "get_weather", """{"city":"Paris","days":2}"""),
        ],
        ToolCalls = [Ev.Call("call_1", "get_weather", """{"city":"Paris","days":2}""")],
        UsageMetadata = new UsageInfo(20, 10, 30),
        FinishReason = "tool_calls",
        ResponseMetadata = Json.Map("""{"model_name":"scripted-1"}"""),
    };

    private static ScriptedChatModel Model(int turns) =>
        new([.. Enumerable.Range(0, turns).Select(_ => ScriptedTurn.FromMessage(RichMessage()))]);

    [Fact]
    public async Task Response_Streaming_AndAwaitStream_Agree()
    {
        ScriptedChatModel model = Model(3);
        IChatClient client = model.AsChatClient();

        AIMessage awaited = await model.InvokeAsync(Prompt.Hi).Within();
        ChatResponse response = await client.GetResponseAsync(Prompt.Hi).Within();
        ChatResponse streamed = await client.GetStreamingResponseAsync(Prompt.Hi).ToChatResponseAsync().Within();

        foreach (ChatResponse r in new[] { response, streamed })
        {
            ChatMessage message = Assert.Single(r.Messages);
            Assert.Equal(awaited.Text, r.Text);
            Assert.Equal(awaited.Reasoning, string.Concat(message.Contents.OfType<TextReasoningContent>().Select(c => c.Text)));
            Assert.Equal("sig-1", message.Contents.OfType<TextReasoningContent>().Last(c => c.ProtectedData is not null).ProtectedData);
            FunctionCallContent call = Assert.Single(message.Contents.OfType<FunctionCallContent>());
            Assert.Equal(("call_1", "get_weather"), (call.CallId, call.Name));
            Assert.Equal("Paris", ((JsonElement)call.Arguments!["city"]!).GetString());
            Assert.Equal(2, ((JsonElement)call.Arguments!["days"]!).GetInt32());
            Assert.Equal((20L, 10L, 30L), (r.Usage!.InputTokenCount!.Value, r.Usage.OutputTokenCount!.Value, r.Usage.TotalTokenCount!.Value));
            Assert.Equal(ChatFinishReason.ToolCalls, r.FinishReason);
            Assert.Equal("msg_rich", message.MessageId);
            Assert.Equal("msg_rich", r.ResponseId);
            Assert.Equal("scripted-1", r.ModelId);
        }
    }

    [Fact]
    public async Task FunctionInvokingChatClient_RunsAToolLoop_OverAScriptedModel()
    {
        var model = new ScriptedChatModel(
            ScriptedTurn.FromToolCalls(Ev.Call("call_w", "get_weather", """{"city":"Paris"}""")),
            ScriptedTurn.FromText("It is sunny in Paris."));
        string? askedFor = null;
        AIFunction weather = AIFunctionFactory.Create((string city) => { askedFor = city; return $"Sunny in {city}"; }, "get_weather");
        IChatClient client = new ChatClientBuilder(model.AsChatClient()).UseFunctionInvocation().Build();

        ChatResponse response = await client.GetResponseAsync(Prompt.Hi, new ChatOptions { Tools = [weather] }).Within();

        Assert.Equal("Paris", askedFor);
        Assert.Equal("It is sunny in Paris.", response.Messages[^1].Text);
        ScriptedRequest second = model.Requests[1];
        FunctionResultContent result = second.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        Assert.Equal("call_w", result.CallId);
        Assert.Contains("Sunny in Paris", result.Result?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FunctionInvokingChatClient_Streaming_RunsTheSameLoop()
    {
        var model = new ScriptedChatModel(
            ScriptedTurn.FromToolCalls(Ev.Call("call_t", "now", "{}")),
            ScriptedTurn.FromText("It is noon."));
        AIFunction now = AIFunctionFactory.Create(() => "12:00", "now");
        IChatClient client = new ChatClientBuilder(model.AsChatClient()).UseFunctionInvocation().Build();

        ChatResponse response = await client.GetStreamingResponseAsync(Prompt.Hi, new ChatOptions { Tools = [now] }).ToChatResponseAsync().Within();

        Assert.EndsWith("It is noon.", response.Text, StringComparison.Ordinal);
        Assert.Equal(2, model.Requests.Count);
    }

    [Fact]
    public async Task OpenTelemetryChatClient_OverTheModel_ReportsUsageAndIds()
    {
        string sourceName = "ChatStreams.Tests.MEAI." + Guid.NewGuid().ToString("N");
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == sourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        IChatClient client = new ChatClientBuilder(Model(1).AsChatClient()).UseOpenTelemetry(sourceName: sourceName).Build();

        await client.GetStreamingResponseAsync(Prompt.Hi).ToChatResponseAsync().Within();

        Activity span = Assert.Single(spans);
        Assert.Equal(20, Convert.ToInt32(span.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(10, Convert.ToInt32(span.GetTagItem("gen_ai.usage.output_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("msg_rich", span.GetTagItem("gen_ai.response.id"));
        Assert.Equal("scripted", span.GetTagItem("gen_ai.provider.name") ?? span.GetTagItem("gen_ai.system"));
    }

    [Fact]
    public async Task Streaming_FailedModel_ThrowsTheSameError()
    {
        var boom = new ChatModelException("quota") { ErrorCode = "insufficient_quota" };
        var model = new ScriptedChatModel(ScriptedTurn.FromText("x") with { FailAtEvent = 0, Failure = boom });

        Assert.Same(boom, await Assert.ThrowsAsync<ChatModelException>(() => model.AsChatClient().GetStreamingResponseAsync(Prompt.Hi).ToChatResponseAsync()));
    }

    [Fact]
    public async Task Streaming_LeavingEarly_ClosesTheRun()
    {
        var model = new ScriptedChatModel(ScriptedTurn.FromText("a b c d e f") with { StallAtEvent = 5 });
        var observer = new ChatStreams.Tests.Models.RecordingObserver();
        model.Observers.Add(observer);
        await foreach (ChatResponseUpdate update in model.AsChatClient().GetStreamingResponseAsync(Prompt.Hi))
        {
            break;
        }

        // Disposing the enumerator closed the stalled run, so its source saw cancellation and the run ended.
        Assert.IsAssignableFrom<OperationCanceledException>(observer.Error);
        Assert.Equal(["start", "error"], observer.Calls);
    }

    [Fact]
    public void GetService_ReportsMetadataAndTheModel_AndAdaptersUnwrap()
    {
        ScriptedChatModel model = Model(0);
        IChatClient client = model.AsChatClient();

        var metadata = (ChatClientMetadata)client.GetService(typeof(ChatClientMetadata))!;
        Assert.Equal(("scripted", "scripted"), (metadata.ProviderName, metadata.DefaultModelId));
        Assert.Same(model, client.GetService<ScriptedChatModel>());
        Assert.Same(model, client.AsChatModel());
        Assert.Null(client.GetService(typeof(string)));
    }
}
