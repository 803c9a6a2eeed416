namespace ChatStreams.Tests.Protocol;

public class AIMessageJsonTests
{
    private static AIMessage SampleMessage() => new()
    {
        Id = "msg_1",
        Content =
        [
            new ReasoningBlock("think") { Index = 0, Extras = Json.Map("""{"signature":"s"}""") },
            new TextBlock("Hello") { Index = 1 },
            Ev.Call("c1", "weather", """{"city":"Paris"}"""),
            new InvalidToolCallBlock("c2", "broken", "{oops", "Failed to parse tool call arguments as JSON"),
        ],
        ToolCalls = [Ev.Call("c1", "weather", """{"city":"Paris"}""")],
        InvalidToolCalls = [new InvalidToolCallBlock("c2", "broken", "{oops", "Failed to parse tool call arguments as JSON")],
        UsageMetadata = new UsageInfo(10, 5, 15, new InputTokenDetails(CacheRead: 3), new OutputTokenDetails(Reasoning: 2)),
        ResponseMetadata = Json.Map("""{"model_name":"m","finish_reason":"tool_calls","output_version":"v1"}"""),
        FinishReason = "tool_calls",
    };

    [Fact]
    public void Serialize_WritesLangChainMessageShape()
    {
        string json = ProtocolJson.Serialize(SampleMessage());

        Json.AssertEquivalent(
            """
            {"type":"ai","id":"msg_1",
             "content":[
               {"type":"reasoning","reasoning":"think","index":0,"extras":{"signature":"s"}},
               {"type":"text","text":"Hello","index":1},
               {"type":"tool_call","id":"c1","name":"weather","args":{"city":"Paris"}},
               {"type":"invalid_tool_call","id":"c2","name":"broken","args":"{oops","error":"Failed to parse tool call arguments as JSON"}],
             "tool_calls":[{"type":"tool_call","id":"c1","name":"weather","args":{"city":"Paris"}}],
             "invalid_tool_calls":[{"type":"invalid_tool_call","id":"c2","name":"broken","args":"{oops","error":"Failed to parse tool call arguments as JSON"}],
             "usage_metadata":{"input_tokens":10,"output_tokens":5,"total_tokens":15,"input_token_details":{"cache_read":3},"output_token_details":{"reasoning":2}},
             "response_metadata":{"model_name":"m","finish_reason":"tool_calls","output_version":"v1"}}
            """,
            json);
    }

    [Fact]
    public void DeserializeMessage_OfSerialize_IsLossless()
    {
        AIMessage original = SampleMessage();

        AIMessage back = ProtocolJson.DeserializeMessage(ProtocolJson.Serialize(original));

        Assert.Equal(ProtocolJson.Serialize(original), ProtocolJson.Serialize(back));
        Assert.Equal("tool_calls", back.FinishReason);
        Assert.Equal("Hello", back.Text);
        Assert.Equal("think", back.Reasoning);
        Assert.Equal(original.UsageMetadata, back.UsageMetadata);
    }

    [Fact]
    public void Serialize_EmptyMessage_WritesEmptyContent()
    {
        string json = ProtocolJson.Serialize(new AIMessage());

        Json.AssertEquivalent("""{"type":"ai","id":null,"content":[],"tool_calls":[],"invalid_tool_calls":[],"response_metadata":{}}""", json);
    }

    [Fact]
    public void DeserializeMessage_FinishReason_FallsBackToStopReason()
    {
        AIMessage message = ProtocolJson.DeserializeMessage("""{"type":"ai","content":"plain text","response_metadata":{"stop_reason":"end_turn"}}""");

        Assert.Equal("end_turn", message.FinishReason);
        Assert.Equal("plain text", message.Text);
        Assert.IsType<TextBlock>(Assert.Single(message.Content));
    }

    [Theory]
    [InlineData("""{"type":"human","content":[]}""", "human")]
    [InlineData("""{"type":"ai","content":5}""", "'content'")]
    [InlineData("""{"type":"ai","tool_calls":[{"type":"invalid_tool_call","id":"x"}]}""", "tool_call")]
    [InlineData("[]", "JSON object")]
    public void DeserializeMessage_Malformed_ThrowsJsonException(string json, string named)
    {
        var error = Assert.Throws<System.Text.Json.JsonException>(() => ProtocolJson.DeserializeMessage(json));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
