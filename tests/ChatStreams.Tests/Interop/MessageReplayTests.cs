namespace ChatStreams.Tests.Interop;

/// <summary>Spec f.6: a finished message replayed as events.</summary>
public class MessageReplayTests
{
    [Fact]
    public void ToStreamEvents_EmitsStartThenEachBlockInSequenceThenFinish()
    {
        var message = new AIMessage
        {
            Id = "m",
            Content = [new TextBlock("Hi"), Ev.Call("c", "f", "{}"), new ImageBlock { Url = "https://x/y.png" }],
            FinishReason = "stop",
            ResponseMetadata = Json.Map("""{"model_provider":"p","model_name":"n"}"""),
        };

        string[] events = [.. message.ToStreamEvents().Select(ProtocolJson.Serialize)];

        Json.AssertEquivalent("""{"event":"message-start","role":"ai","id":"m","metadata":{"provider":"p","model":"n"}}""", events[0]);
        Json.AssertEquivalent("""{"event":"content-block-start","index":0,"content":{"type":"text","text":""}}""", events[1]);
        Json.AssertEquivalent("""{"event":"content-block-delta","index":0,"delta":{"type":"text-delta","text":"Hi"}}""", events[2]);
        Json.AssertEquivalent("""{"event":"content-block-finish","index":0,"content":{"type":"text","text":"Hi"}}""", events[3]);
        Json.AssertEquivalent("""{"event":"content-block-start","index":1,"content":{"type":"tool_call_chunk","id":"c","name":"f","args":""}}""", events[4]);
        Json.AssertEquivalent("""{"event":"content-block-finish","index":1,"content":{"type":"tool_call","id":"c","name":"f","args":{}}}""", events[5]);
        Json.AssertEquivalent("""{"event":"content-block-start","index":2,"content":{"type":"image","url":"https://x/y.png"}}""", events[6]);
        Json.AssertEquivalent("""{"event":"content-block-finish","index":2,"content":{"type":"image","url":"https://x/y.png"}}""", events[7]);
        Json.AssertEquivalent("""{"event":"message-finish","finish_reason":"stop","reason":"stop","metadata":{"model_provider":"p","model_name":"n"}}""", events[8]);
        Assert.Equal(9, events.Length);
    }

    [Fact]
    public void ToStreamEvents_EmptyMessage_IsStartAndFinishOnly()
    {
        Assert.Equal(["message-start", "message-finish"], new AIMessage().ToStreamEvents().Select(e => e.EventType));
    }

    [Fact]
    public void ToStreamEvents_ToolCallsOutsideContent_AreAppended()
    {
        var message = new AIMessage
        {
            ToolCalls = [Ev.Call("a", "f", "{}")],
            InvalidToolCalls = [new InvalidToolCallBlock("b", "g", "{", "Failed to parse tool call arguments as JSON")],
        };

        Assert.Equal(
            ["tool_call", "invalid_tool_call"],
            message.ToStreamEvents().OfType<ContentBlockFinishEvent>().Select(f => f.Content.Type));
    }

    [Fact]
    public async Task Replay_ThroughAStream_ReassemblesTheSameMessage()
    {
        var original = new AIMessage
        {
            Id = "m1",
            Content = [new ReasoningBlock("r") { Index = 0 }, new TextBlock("t") { Index = 1 }, Ev.Call("c", "f", """{"a":[1]}"""), new InvalidToolCallBlock("d", "g", "[", "Failed to parse tool call arguments as JSON")],
            ToolCalls = [Ev.Call("c", "f", """{"a":[1]}""")],
            InvalidToolCalls = [new InvalidToolCallBlock("d", "g", "[", "Failed to parse tool call arguments as JSON")],
            UsageMetadata = new UsageInfo(1, 1, 2),
            FinishReason = "tool_calls",
            ResponseMetadata = Json.Map("""{"finish_reason":"tool_calls","output_version":"v1"}"""),
        };
        var stream = new ChatModelStream();
        foreach (StreamEvent e in original.ToStreamEvents())
        {
            stream.Dispatch(e);
        }

        AIMessage replayed = await stream.GetMessageWithin();

        Assert.Equal(ProtocolJson.Serialize(original), ProtocolJson.Serialize(replayed));
    }
}
