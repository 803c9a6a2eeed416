using System.Text.Json;

namespace ChatStreams.Tests.Protocol;

public class ProtocolJsonTests
{
    [Theory]
    [InlineData("""{"event":"message-start","role":"ai","id":"msg_1","metadata":{"provider":"anthropic","model":"claude","custom":1},"usage":{"input_tokens":5}}""")]
    [InlineData("""{"event":"content-block-start","index":0,"content":{"type":"text","text":""}}""")]
    [InlineData("""{"event":"content-block-delta","index":0,"delta":{"type":"text-delta","text":"Hi"}}""")]
    [InlineData("""{"event":"content-block-delta","index":1,"delta":{"type":"reasoning-delta","reasoning":"hmm"}}""")]
    [InlineData("""{"event":"content-block-delta","index":2,"delta":{"type":"data-delta","data":"AAAA","encoding":"base64"}}""")]
    [InlineData("""{"event":"content-block-delta","index":3,"delta":{"type":"block-delta","fields":{"type":"tool_call_chunk","id":"c1","name":"f","args":"{\"a\":","index":3}}}""")]
    [InlineData("""{"event":"content-block-delta","index":3,"delta":{"type":"tool-call-delta","args":"1}"}}""")]
    [InlineData("""{"event":"content-block-finish","index":0,"content":{"type":"text","text":"Hi","id":"t1","annotations":[{"type":"citation","url":"https://x"}],"index":"lc_txt_1"}}""")]
    [InlineData("""{"event":"content-block-finish","index":1,"content":{"type":"reasoning","reasoning":"hmm","extras":{"signature":"sig"},"index":1}}""")]
    [InlineData("""{"event":"content-block-finish","index":2,"content":{"type":"tool_call","id":"c1","name":"f","args":{"a":1}}}""")]
    [InlineData("""{"event":"content-block-finish","index":2,"content":{"type":"invalid_tool_call","id":"c1","name":"f","args":"{bad","error":"Failed to parse tool call arguments as JSON"}}""")]
    [InlineData("""{"event":"content-block-finish","index":4,"content":{"type":"server_tool_call","id":"s1","name":"web_search","args":{"q":"x"},"index":4}}""")]
    [InlineData("""{"event":"content-block-finish","index":5,"content":{"type":"server_tool_result","tool_call_id":"s1","status":"success","output":[{"url":"u"}],"index":5}}""")]
    [InlineData("""{"event":"content-block-finish","index":6,"content":{"type":"image","url":"https://x/y.png","mime_type":"image/png","index":6}}""")]
    [InlineData("""{"event":"content-block-finish","index":7,"content":{"type":"audio","base64":"AAAA","transcript":"hi","index":7}}""")]
    [InlineData("""{"event":"content-block-finish","index":8,"content":{"type":"non_standard","value":{"type":"refusal","refusal":"no"},"index":8}}""")]
    [InlineData("""{"event":"content-block-start","index":9,"content":{"type":"server_tool_call_chunk","id":"s2","args":""}}""")]
    [InlineData("""{"event":"usage","usage":{"input_tokens":1,"output_tokens":2,"total_tokens":3,"input_token_details":{"cache_read":1,"x":9},"output_token_details":{"reasoning":1}}}""")]
    [InlineData("""{"event":"provider","provider":"openai","name":"response.created","payload":{"id":"r"}}""")]
    [InlineData("""{"event":"error","message":"overloaded","code":"overloaded_error"}""")]
    [InlineData("""{"event":"message-finish","usage":{"input_tokens":1},"finish_reason":"stop","reason":"stop","metadata":{"stop_reason":"end_turn"},"additional_kwargs":{"k":1}}""")]
    [InlineData("""{"event":"some-future-event","x":[1,2],"nested":{"a":null}}""")]
    [InlineData("""{"event":"content-block-finish","index":0,"content":{"type":"future_block","payload":{"x":1},"index":0}}""")]
    [InlineData("""{"event":"content-block-delta","index":0,"delta":{"type":"future-delta","z":1}}""")]
    public void Serialize_AfterDeserialize_IsEquivalentToSnakeCaseInput(string json)
    {
        StreamEvent parsed = ProtocolJson.Deserialize(json);

        Json.AssertEquivalent(json, ProtocolJson.Serialize(parsed));
    }

    [Fact]
    public void Deserialize_UnknownKeysAtEveryLevel_SurviveWhereTheyWere()
    {
        const string json = """{"event":"content-block-finish","index":0,"top":1,"content":{"type":"text","text":"a","extras":{"signature":"s"},"vendor":{"k":true}}}""";

        var finish = Assert.IsType<ContentBlockFinishEvent>(ProtocolJson.Deserialize(json));

        Assert.Equal(1, finish.AdditionalProperties!["top"].GetInt32());
        Assert.True(finish.Content.AdditionalProperties!["vendor"].GetProperty("k").GetBoolean());
        Assert.Equal("s", finish.Content.Extras!["signature"].GetString());
        Assert.False(finish.Content.AdditionalProperties.ContainsKey("extras"));
        Json.AssertEquivalent(json, ProtocolJson.Serialize(finish));
    }

    [Fact]
    public void Deserialize_UnknownEventAndBlock_BecomeUnknownRecords()
    {
        var unknown = Assert.IsType<UnknownEvent>(ProtocolJson.Deserialize("""{"event":"checkpoint","n":1}"""));
        var finish = Assert.IsType<ContentBlockFinishEvent>(ProtocolJson.Deserialize("""{"event":"content-block-finish","index":0,"content":{"type":"hologram","z":2}}"""));

        Assert.Equal("checkpoint", unknown.EventType);
        var block = Assert.IsType<UnknownBlock>(finish.Content);
        Assert.Equal("hologram", block.Type);
    }

    [Fact]
    public void Deserialize_CamelCaseJsShape_ReadsTheSameFields()
    {
        const string json = """{"event":"message-finish","finishReason":"length","usage":{"inputTokens":3,"outputTokens":4,"totalTokens":7,"inputTokenDetails":{"cacheRead":2},"outputTokenDetails":{"reasoning":1}}}""";

        var finish = Assert.IsType<MessageFinishEvent>(ProtocolJson.Deserialize(json));

        Assert.Equal("length", finish.FinishReason);
        Assert.Equal(new UsageInfo(3, 4, 7, new InputTokenDetails(CacheRead: 2), new OutputTokenDetails(Reasoning: 1)), finish.Usage);
    }

    [Fact]
    public void Deserialize_CamelCaseBlockFields_MapToSnakeCase()
    {
        var finish = (ContentBlockFinishEvent)ProtocolJson.Deserialize(
            """{"event":"content-block-finish","index":0,"content":{"type":"server_tool_result","toolCallId":"s1","status":"error","fileId":"x"}}""");

        var result = Assert.IsType<ServerToolResultBlock>(finish.Content);
        Assert.Equal("s1", result.ToolCallId);
        Assert.Equal("error", result.Status);
        Assert.True(result.AdditionalProperties!.ContainsKey("fileId"));
    }

    [Fact]
    public void Deserialize_LegacyContentBlockForms_AreRead()
    {
        var start = (MessageStartEvent)ProtocolJson.Deserialize("""{"event":"message-start","message_id":"m-legacy"}""");
        var textDelta = (ContentBlockDeltaEvent)ProtocolJson.Deserialize("""{"event":"content-block-delta","index":0,"content_block":{"type":"text","text":"Hi"}}""");
        var toolSlice = (ContentBlockDeltaEvent)ProtocolJson.Deserialize("""{"event":"content-block-delta","index":1,"content_block":{"type":"tool_call_chunk","id":"c","name":"f","args":"{"}}""");
        var finish = (ContentBlockFinishEvent)ProtocolJson.Deserialize("""{"event":"content-block-finish","index":0,"content_block":{"type":"text","text":"Hi"}}""");
        var messageFinish = (MessageFinishEvent)ProtocolJson.Deserialize("""{"event":"message-finish","reason":"tool_calls"}""");

        Assert.Equal("m-legacy", start.Id);
        Assert.Equal("ai", start.Role);
        Assert.Equal(new TextDelta("Hi"), textDelta.Delta);
        var slice = Assert.IsType<LegacyBlockDelta>(toolSlice.Delta);
        Assert.Equal(new ToolCallChunkBlock("c", "f", "{"), slice.Block);
        Assert.Equal(new TextBlock("Hi"), finish.Content);
        Assert.Equal("tool_calls", messageFinish.FinishReason);
    }

    [Fact]
    public void Deserialize_ThinkingBlock_IsReasoningWithSignatureInExtras()
    {
        var finish = (ContentBlockFinishEvent)ProtocolJson.Deserialize(
            """{"event":"content-block-finish","index":0,"content":{"type":"thinking","thinking":"Let me see","signature":"EqQB"}}""");

        var reasoning = Assert.IsType<ReasoningBlock>(finish.Content);
        Assert.Equal("Let me see", reasoning.Reasoning);
        Assert.Equal("EqQB", reasoning.Extras!["signature"].GetString());
        Json.AssertEquivalent(
            """{"type":"reasoning","reasoning":"Let me see","extras":{"signature":"EqQB"}}""",
            ProtocolJson.Serialize(reasoning));
    }

    [Fact]
    public void Deserialize_JsToolCallDelta_IsAToolCallDelta()
    {
        var delta = (ContentBlockDeltaEvent)ProtocolJson.Deserialize("""{"event":"content-block-delta","index":2,"delta":{"type":"tool-call-delta","args":"{\"c"}}""");

        Assert.Equal(2, delta.Index);
        Assert.Equal(new ToolCallDelta("{\"c"), delta.Delta);
    }

    [Fact]
    public void Deserialize_BlockIndex_MayBeIntegerOrString()
    {
        var a = (ContentBlockFinishEvent)ProtocolJson.Deserialize("""{"event":"content-block-finish","index":0,"content":{"type":"text","text":"","index":"lc_txt_1"}}""");
        var b = (ContentBlockFinishEvent)ProtocolJson.Deserialize("""{"event":"content-block-finish","content":{"type":"text","text":"","index":4}}""");

        Assert.Equal("lc_txt_1", a.Content.Index!.Value.Name);
        Assert.Equal(4, b.Content.Index!.Value.Number);
        Assert.Null(b.Index);
    }

    [Fact]
    public void Serialize_MessageStart_WritesRoleAi_AndReadsWithout()
    {
        var start = (MessageStartEvent)ProtocolJson.Deserialize("""{"event":"message-start","id":"m"}""");

        Json.AssertEquivalent("""{"event":"message-start","role":"ai","id":"m"}""", ProtocolJson.Serialize(start));
    }

    [Fact]
    public void Serialize_MessageFinish_WritesFinishReasonAlsoAsReason()
    {
        string json = ProtocolJson.Serialize(new MessageFinishEvent(null, "tool_calls", null));

        Json.AssertEquivalent("""{"event":"message-finish","finish_reason":"tool_calls","reason":"tool_calls"}""", json);
    }

    [Fact]
    public void Serialize_NullEventIndex_IsOmitted()
    {
        Json.AssertEquivalent(
            """{"event":"content-block-delta","delta":{"type":"text-delta","text":"x"}}""",
            ProtocolJson.Serialize(new ContentBlockDeltaEvent(null, new TextDelta("x"))));
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("[1,2]", "JSON object")]
    [InlineData("\"message-start\"", "JSON object")]
    [InlineData("""{"id":"m"}""", "'event'")]
    [InlineData("""{"event":42}""", "'event'")]
    [InlineData("""{"event":"content-block-start","content":{"type":"text","text":""}}""", "'index'")]
    [InlineData("""{"event":"content-block-start","index":"zero","content":{"type":"text","text":""}}""", "'index'")]
    [InlineData("""{"event":"content-block-finish","index":0,"content":{"text":"no type"}}""", "'type'")]
    [InlineData("""{"event":"content-block-finish","index":0}""", "'content'")]
    [InlineData("""{"event":"content-block-delta","index":0}""", "'delta'")]
    [InlineData("""{"event":"content-block-delta","index":0,"delta":{"text":"x"}}""", "'type'")]
    [InlineData("""{"event":"content-block-finish","index":0,"content":{"type":"text","text":5}}""", "'text'")]
    [InlineData("""{"event":"usage","usage":{"input_tokens":"5"}}""", "'input_tokens'")]
    [InlineData("""{"event":"usage"}""", "'usage'")]
    public void Deserialize_MalformedInput_ThrowsJsonExceptionNamingTheProblem(string json, string named)
    {
        JsonException error = Assert.Throws<JsonException>(() => ProtocolJson.Deserialize(json));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_Utf8Bytes_MatchesString()
    {
        const string json = """{"event":"content-block-delta","index":0,"delta":{"type":"text-delta","text":"héllo"}}""";

        Assert.Equal(ProtocolJson.Deserialize(json), ProtocolJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Serialize_ToolCallArgs_AlwaysAnObject()
    {
        string json = ProtocolJson.Serialize(new ToolCallBlock("c", "f", default));

        Json.AssertEquivalent("""{"type":"tool_call","id":"c","name":"f","args":{}}""", json);
    }
}
