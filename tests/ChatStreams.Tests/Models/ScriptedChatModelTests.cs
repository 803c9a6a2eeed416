using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace ChatStreams.Tests.Models;

public class ScriptedChatModelTests
{
    [Fact]
    public async Task Turns_PlayInOrder_OnePerRequest_AndRequestsAreRecorded()
    {
        var model = new ScriptedChatModel(ScriptedTurn.FromText("first answer"), ScriptedTurn.FromText("second", reasoning: "hmm"));
        var options = new ChatOptions { Temperature = 0 };

        AIMessage first = await model.InvokeAsync(Prompt.Hi, options).Within();
        AIMessage second = await model.InvokeAsync([new ChatMessage(ChatRole.User, "again")]).Within();

        Assert.Equal("first answer", first.Text);
        Assert.Equal(("second", "hmm"), (second.Text, second.Reasoning));
        Assert.Equal(["hi", "again"], model.Requests.Select(r => r.Messages.Single().Text));
        Assert.Same(options, model.Requests[0].Options);
        Assert.Equal(0, model.RemainingTurns);
    }

    [Fact]
    public async Task FromText_StreamsWordByWord()
    {
        var model = new ScriptedChatModel(ScriptedTurn.FromText("The weather  is mild."));
        ChatModelStream stream = model.Stream(Prompt.Hi);

        Assert.Equal(["The", " weather", "  is", " mild."], await stream.Text.CollectAsync());
    }

    [Fact]
    public async Task NoTurnLeft_FailsWithAClearError()
    {
        var model = new ScriptedChatModel();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => model.InvokeAsync(Prompt.Hi).Within());

        Assert.Contains("no turn left", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delay_IsDrivenByTheTimeProvider()
    {
        var clock = new FakeTimeProvider();
        var model = new ScriptedChatModel(ScriptedTurn.FromText("a b") with { Delay = TimeSpan.FromSeconds(5) }) { TimeProvider = clock };
        ChatModelStream stream = model.Stream(Prompt.Hi);
        Task<AIMessage> answer = stream.GetMessageAsync();

        await Task.Delay(50);
        Assert.False(stream.HasEvents);
        for (int i = 0; i < 10 && !answer.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(20);
        }

        Assert.Equal("a b", (await answer.Within()).Text);
    }

    [Fact]
    public async Task FailAtEvent_ThrowsTheScriptedException_AfterEarlierEvents()
    {
        var boom = new ChatModelException("injected") { IsTransient = true };
        var model = new ScriptedChatModel(ScriptedTurn.FromText("one two three") with { FailAtEvent = 3, Failure = boom });
        ChatModelStream stream = model.Stream(Prompt.Hi);

        var seen = new List<string>();
        Assert.Same(boom, await Assert.ThrowsAsync<ChatModelException>(async () =>
        {
            await foreach (string delta in stream.Text)
            {
                seen.Add(delta);
            }
        }));
        Assert.Equal(["one"], seen);
    }

    [Fact]
    public async Task StallAtEvent_WaitsUntilCancelled()
    {
        var model = new ScriptedChatModel(ScriptedTurn.FromText("x y") with { StallAtEvent = 2 });
        using var cts = new CancellationTokenSource();
        ChatModelStream stream = model.Stream(Prompt.Hi, null, cts.Token);
        await stream.Text.Take(0).ToListAsync().Within();
        await Task.Delay(50);
        Assert.False(stream.IsDone);

        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.GetMessageWithin());
    }

    [Fact]
    public async Task EndWithoutFinish_GetsTheDriversSyntheticFinish()
    {
        var model = new ScriptedChatModel(ScriptedTurn.FromText("cut short") with { EndWithoutFinish = true });

        AIMessage message = await model.InvokeAsync(Prompt.Hi).Within();

        Assert.Equal("cut short", message.Text);
        Assert.Null(message.FinishReason);
    }

    [Fact]
    public async Task FromMessage_ReplaysTheMessage()
    {
        var original = new AIMessage
        {
            Id = "msg_9",
            Content = [new ReasoningBlock("because") { Extras = Json.Map("""{"signature":"s"}""") }, new TextBlock("Answer."), Ev.Call("c1", "lookup", """{"q":"x"}""")],
            ToolCalls = [Ev.Call("c1", "lookup", """{"q":"x"}""")],
            UsageMetadata = new UsageInfo(1, 2, 3),
            FinishReason = "tool_calls",
            ResponseMetadata = Json.Map("""{"model_provider":"openai","model_name":"gpt","finish_reason":"tool_calls","output_version":"v1"}"""),
        };
        var model = new ScriptedChatModel(ScriptedTurn.FromMessage(original));

        AIMessage replayed = await model.InvokeAsync(Prompt.Hi).Within();

        Assert.Equal("msg_9", replayed.Id);
        Assert.Equal(["reasoning", "text", "tool_call"], replayed.Content.Select(b => b.Type));
        Assert.Equal(("Answer.", "because", "s"), (replayed.Text, replayed.Reasoning, replayed.Content[0].Extras!["signature"].GetString()));
        Assert.Equal(ProtocolJson.Serialize(original.ToolCalls[0]), ProtocolJson.Serialize(Assert.Single(replayed.ToolCalls)));
        Assert.Equal((original.UsageMetadata, "tool_calls"), (replayed.UsageMetadata, replayed.FinishReason));
        Json.AssertEquivalent(
            System.Text.Json.JsonSerializer.Serialize(original.ResponseMetadata),
            System.Text.Json.JsonSerializer.Serialize(replayed.ResponseMetadata));
    }

    [Fact]
    public async Task Messages_ScriptTurnsDirectly()
    {
        var model = new ScriptedChatModel(
            new AIMessage { Content = [new TextBlock("first")], FinishReason = "stop" },
            new AIMessage { Content = [new TextBlock("second")], FinishReason = "stop" });

        Assert.Equal("first", (await model.InvokeAsync(Prompt.Hi).Within()).Text);
        Assert.Equal("second", (await model.InvokeAsync(Prompt.Hi).Within()).Text);
    }
}
