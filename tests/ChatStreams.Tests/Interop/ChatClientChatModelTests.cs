using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ChatStreams.Tests.Interop;

public class ChatClientChatModelTests
{
    /// <summary>A client that streams the given updates and records the token it was given.</summary>
    private sealed class FakeClient(params ChatResponseUpdate[] updates) : IChatClient
    {
        public CancellationToken Token { get; private set; }

        public Func<CancellationToken, Task>? BeforeEnd { get; init; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Token = cancellationToken;
            foreach (ChatResponseUpdate update in updates)
            {
                await Task.Yield();
                yield return update;
            }

            if (BeforeEnd is not null)
            {
                await BeforeEnd(cancellationToken);
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("fake-provider", defaultModelId: "fake-model") : null;

        public void Dispose()
        {
        }
    }

    private static ChatResponseUpdate U(params AIContent[] contents) => new(ChatRole.Assistant, contents) { MessageId = "msg_c", ResponseId = "resp_c", ModelId = "fake-model-1" };

    [Fact]
    public async Task Updates_BecomeEveryProjection()
    {
        var client = new FakeClient(
            U(new TextReasoningContent("Consider")),
            U(new TextReasoningContent(" options.") { ProtectedData = "opaque" }),
            U(new TextContent("Calling")),
            U(new TextContent(" a tool.")),
            U(new FunctionCallContent("call_9", "lookup", new Dictionary<string, object?> { ["q"] = "paris", ["n"] = 3 })),
            new ChatResponseUpdate { Contents = [new UsageContent(new UsageDetails { InputTokenCount = 7, OutputTokenCount = 5, TotalTokenCount = 12 })], FinishReason = ChatFinishReason.ToolCalls });
        ChatModel model = client.AsChatModel();

        await using ChatModelStream stream = model.Stream(Prompt.Hi);
        AIMessage message = await stream.GetMessageWithin();

        Assert.Equal(["Calling", " a tool."], await stream.Text.CollectAsync());
        Assert.Equal(["Consider", " options."], await stream.Reasoning.CollectAsync());
        Assert.Equal("msg_c", message.Id);
        Assert.Equal(("Calling a tool.", "Consider options."), (message.Text, message.Reasoning));
        Assert.Equal("opaque", message.Content.OfType<ReasoningBlock>().Single().Extras!["signature"].GetString());
        ToolCallBlock call = Assert.Single(message.ToolCalls);
        Assert.Equal(("call_9", "lookup", "paris", 3), (call.Id, call.Name, call.Args.GetProperty("q").GetString(), call.Args.GetProperty("n").GetInt32()));
        Assert.Equal("{\"q\":\"paris\",\"n\":3}", Assert.Single(await stream.ToolCalls.CollectAsync()).Args);
        Assert.Equal(new UsageInfo(7, 5, 12), message.UsageMetadata);
        Assert.Equal("tool_calls", message.FinishReason);
        Assert.Equal("fake-model-1", JsonValues.StringOf(message.ResponseMetadata, "model_name"));
        Assert.Equal("fake-provider", JsonValues.StringOf(message.ResponseMetadata, "model_provider"));
        Assert.Equal(("fake-provider", "fake-model"), (model.ProviderName, model.ModelId));
    }

    [Fact]
    public async Task MessageId_FallsBackToResponseId()
    {
        var client = new FakeClient(new ChatResponseUpdate(ChatRole.Assistant, "x") { ResponseId = "resp_only" });

        AIMessage message = await client.AsChatModel().InvokeAsync(Prompt.Hi).Within();

        Assert.Equal("resp_only", message.Id);
    }

    [Fact]
    public async Task Usage_AcrossUpdates_IsSummedOnce()
    {
        var client = new FakeClient(
            U(new TextContent("a"), new UsageContent(new UsageDetails { InputTokenCount = 3 })),
            U(new UsageContent(new UsageDetails { OutputTokenCount = 2, TotalTokenCount = 5 })));

        AIMessage message = await client.AsChatModel().InvokeAsync(Prompt.Hi).Within();

        Assert.Equal(new UsageInfo(3, 2, 5), message.UsageMetadata);
    }

    [Fact]
    public async Task EmptyResponse_FailsWithChatModelException()
    {
        await Assert.ThrowsAsync<ChatModelException>(() => new FakeClient().AsChatModel().InvokeAsync(Prompt.Hi).Within());
    }

    [Fact]
    public async Task Close_CancelsTheClientsToken()
    {
        var gate = new TaskCompletionSource();
        var client = new FakeClient(U(new TextContent("first"))) { BeforeEnd = ct => Task.Delay(Timeout.Infinite, ct) };
        ChatModelStream stream = client.AsChatModel().Stream(Prompt.Hi);
        await stream.Text.Take(1).ToListAsync().Within();

        await stream.CloseAsync().AsTask().Within();

        Assert.True(client.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task FunctionCallWithParseError_BecomesAnInvalidToolCall()
    {
        var client = new FakeClient(U(new FunctionCallContent("c", "f") { Exception = new System.Text.Json.JsonException("bad args") }));

        AIMessage message = await client.AsChatModel().InvokeAsync(Prompt.Hi).Within();

        InvalidToolCallBlock invalid = Assert.Single(message.InvalidToolCalls);
        Assert.Equal(("c", "f", "bad args"), (invalid.Id, invalid.Name, invalid.Error));
    }

    [Fact]
    public async Task RoundTrip_ModelToClientToModel_KeepsTheAnswer()
    {
        var scripted = new ScriptedChatModel(ScriptedTurn.FromText("round trip", reasoning: "why"));
        ChatModel wrapped = new ClientOnly(scripted.AsChatClient()).AsChatModel();

        AIMessage message = await wrapped.InvokeAsync(Prompt.Hi).Within();

        Assert.Equal(("round trip", "why"), (message.Text, message.Reasoning));
    }

    /// <summary>Hides the adapter type so AsChatModel cannot unwrap it.</summary>
    private sealed class ClientOnly(IChatClient inner) : DelegatingChatClient(inner);
}
