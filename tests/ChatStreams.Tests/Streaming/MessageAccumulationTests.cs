using System.Text.Json;

namespace ChatStreams.Tests.Streaming;

/// <summary>Accumulation rules (spec b.3-b.7 with DESIGN section 4), observed through the stream.</summary>
public class MessageAccumulationTests
{
    private static async Task<(ChatModelStream Stream, AIMessage Message)> RunAsync(params StreamEvent[] events)
    {
        var stream = new ChatModelStream();
        foreach (StreamEvent e in events)
        {
            stream.Dispatch(e);
        }

        return (stream, await stream.GetMessageWithin());
    }

    [Fact]
    public async Task TextFinish_WithoutDeltas_PushesWholeTextAsOneDelta()
    {
        var (stream, message) = await RunAsync(Ev.Start(), Ev.Finish(0, new TextBlock("All at once")), Ev.End());

        Assert.Equal(["All at once"], await stream.Text.CollectAsync());
        Assert.Equal("All at once", message.Text);
    }

    [Fact]
    public async Task TextFinish_ExtendingDeltas_PushesOnlyTheTail()
    {
        var (stream, message) = await RunAsync(Ev.Start(), Ev.Text(0, "Hel"), Ev.Finish(0, new TextBlock("Hello")), Ev.End());

        Assert.Equal(["Hel", "lo"], await stream.Text.CollectAsync());
        Assert.Equal("Hello", message.Text);
    }

    [Fact]
    public async Task TextFinish_ReplacingDeltas_PushesNothing_FinalIsAuthoritative()
    {
        var (stream, message) = await RunAsync(Ev.Start(), Ev.Text(0, "draft"), Ev.Finish(0, new TextBlock("final")), Ev.End());

        Assert.Equal(["draft"], await stream.Text.CollectAsync());
        Assert.Equal("final", message.Text);
        Assert.Equal("final", await stream.Text.Within());
    }

    [Fact]
    public async Task TextFinish_Empty_KeepsStreamedText_AndFinishFields()
    {
        var (_, message) = await RunAsync(
            Ev.Start(), Ev.Text(0, "kept"), Ev.Finish(0, new TextBlock("") { Id = "t1", Annotations = [Json.Element("""{"type":"citation","url":"u"}""")] }), Ev.End());

        var text = Assert.IsType<TextBlock>(Assert.Single(message.Content));
        Assert.Equal(("kept", "t1", 0), (text.Text, text.Id, text.Index!.Value.Number));
        Assert.Single(text.Annotations!);
    }

    [Fact]
    public async Task ReasoningFinish_WithoutText_KeepsFinishFields()
    {
        var (_, message) = await RunAsync(
            Ev.Start(), Ev.Finish(0, new ReasoningBlock(null) { Extras = Json.Map("""{"data":"redacted"}""") }), Ev.End());

        var reasoning = Assert.IsType<ReasoningBlock>(Assert.Single(message.Content));
        Assert.Null(reasoning.Reasoning);
        Assert.Equal("redacted", reasoning.Extras!["data"].GetString());
    }

    [Fact]
    public async Task FinishedBlocks_KeepTheirSourceIndex_ElseGetTheWireIndex()
    {
        var (_, message) = await RunAsync(
            Ev.Start(),
            Ev.Finish(0, new TextBlock("a") { Index = "lc_txt_0" }),
            Ev.Finish(1, new TextBlock("b")),
            Ev.End());

        Assert.Equal(["lc_txt_0", "1"], message.Content.Select(b => b.Index!.Value.ToString()));
        Assert.Equal("ab", message.Text);
    }

    [Fact]
    public async Task OpenBlocksAtMessageFinish_AreFinalizedFromWhatStreamed_WithTheirIndex()
    {
        var (_, message) = await RunAsync(
            Ev.Start(),
            Ev.Text(0, "streamed, never finished"),
            Ev.Finish(1, new TextBlock("finished")),
            Ev.Reasoning(2, "open thought"),
            Ev.End());

        Assert.Equal(["streamed, never finished", "finished"], message.Content.OfType<TextBlock>().Select(t => t.Text));
        Assert.Equal([0, 1, 2], message.Content.Select(b => b.Index!.Value.Number!.Value));
        Assert.Equal("open thought", message.Reasoning);
        Assert.Equal("streamed, never finishedfinished", message.Text);
    }

    [Fact]
    public async Task IndexlessDeltas_FormTheirOwnBlocks()
    {
        var (stream, message) = await RunAsync(Ev.Start(), Ev.Reasoning(null, "r"), Ev.Text(null, "Hi"), Ev.Text(null, "!"), Ev.End());

        Assert.Equal("Hi!", await stream.Text.Within());
        Assert.Equal("r", message.Reasoning);
        Assert.Equal(["reasoning", "text"], message.Content.Select(b => b.Type));
        Assert.All(message.Content, b => Assert.Null(b.Index));
    }

    [Fact]
    public async Task EmptyTextDelta_IsIgnored()
    {
        var (stream, message) = await RunAsync(Ev.Start(), Ev.Text(0, ""), Ev.Reasoning(1, ""), Ev.End());

        Assert.Empty(await stream.Text.CollectAsync());
        Assert.Empty(message.Content);
    }

    [Fact]
    public async Task ToolCallDelta_TakesIdAndNameFromStart_AndSweepsAtFinish()
    {
        var (stream, message) = await RunAsync(
            Ev.Start(),
            Ev.BlockStart(0, new ToolCallChunkBlock("call_9", "lookup", "")),
            Ev.Args(0, "{\"q\""),
            Ev.Args(0, ":1}"),
            Ev.End("tool_calls"));

        Assert.Equal(
            [("call_9", "lookup", "{\"q\"", "{\"q\""), ("call_9", "lookup", ":1}", "{\"q\":1}")],
            (await stream.ToolCalls.CollectAsync()).Select(c => (c.Id, c.Name, c.ArgsDelta, c.Args)));
        ToolCallBlock call = Assert.Single(message.ToolCalls);
        Assert.Equal(1, call.Args.GetProperty("q").GetInt32());
        var block = Assert.IsType<ToolCallBlock>(Assert.Single(message.Content));
        Assert.Null(block.Index);
    }

    [Fact]
    public async Task BlockDeltaSnapshots_ReplaceArgs_LastNonNullIdAndNameWin()
    {
        var (stream, message) = await RunAsync(
            Ev.Start(),
            Ev.Snapshot(0, """{"type":"tool_call_chunk","id":"a","name":null,"args":"{\"x\":","index":0}"""),
            Ev.Snapshot(0, """{"type":"tool_call_chunk","id":null,"name":"calc","args":"{\"x\":2","index":0}"""),
            Ev.Snapshot(0, """{"type":"tool_call_chunk","id":"b","name":"calc","args":"{\"x\":2}","index":0}"""),
            Ev.End());

        List<ToolCallChunk> chunks = await stream.ToolCalls.CollectAsync();
        Assert.Equal(["{\"x\":", "2", "}"], chunks.Select(c => c.ArgsDelta));
        Assert.Equal(["a", "a", "b"], chunks.Select(c => c.Id));
        Assert.Equal([null, "calc", "calc"], chunks.Select(c => c.Name));
        ToolCallBlock call = Assert.Single(message.ToolCalls);
        Assert.Equal(("b", "calc", 2), (call.Id, call.Name, call.Args.GetProperty("x").GetInt32()));
        Assert.Null(Assert.IsType<ToolCallBlock>(Assert.Single(message.Content)).Index);
    }

    [Fact]
    public async Task BlockDeltaSnapshot_NotExtendingPrevious_HasNullArgsDelta()
    {
        var (stream, _) = await RunAsync(
            Ev.Start(),
            Ev.Snapshot(0, """{"type":"tool_call_chunk","id":"a","name":"f","args":"{\"a\":1"}"""),
            Ev.Snapshot(0, """{"type":"tool_call_chunk","args":"{\"b\":2}"}"""),
            Ev.End());

        ToolCallChunk last = (await stream.ToolCalls.CollectAsync())[^1];
        Assert.Null(last.ArgsDelta);
        Assert.Equal("{\"b\":2}", last.Args);
    }

    [Fact]
    public async Task LegacySlices_StickToFirstIdAndName_AndAppendArgs()
    {
        var (_, message) = await RunAsync(
            Ev.Start(),
            new ContentBlockDeltaEvent(0, new LegacyBlockDelta(new ToolCallChunkBlock("first", "f", null))),
            new ContentBlockDeltaEvent(0, new LegacyBlockDelta(new ToolCallChunkBlock("second", "g", "{\"a\""))),
            new ContentBlockDeltaEvent(0, new LegacyBlockDelta(new ToolCallChunkBlock(null, null, ":true}"))),
            Ev.End());

        ToolCallBlock call = Assert.Single(message.ToolCalls);
        Assert.Equal(("first", "f"), (call.Id, call.Name));
        Assert.True(call.Args.GetProperty("a").GetBoolean());
    }

    [Fact]
    public async Task ParallelToolCalls_Interleaved_KeepSeparateArgs_InFinishOrder()
    {
        var (_, message) = await RunAsync(
            Ev.Start(),
            Ev.BlockStart(0, new ToolCallChunkBlock("c0", "a", "")),
            Ev.BlockStart(1, new ToolCallChunkBlock("c1", "b", "")),
            Ev.Args(1, "{\"n\":1"),
            Ev.Args(0, "{\"n\":0}"),
            Ev.Args(1, "}"),
            Ev.Finish(1, Ev.Call("c1", "b", """{"n":1}""")),
            Ev.End());

        Assert.Equal(["c1", "c0"], message.ToolCalls.Select(c => c.Id));
        Assert.Equal(["c0", "c1"], message.Content.Cast<ToolCallBlock>().Select(c => c.Id));
    }

    [Theory]
    [InlineData("{\"a\":", "Failed to parse tool call arguments as JSON")]
    [InlineData("   ", "Failed to parse tool call arguments as JSON")]
    [InlineData("[1]", "must be a JSON object, but found an array")]
    [InlineData("3", "must be a JSON object, but found a number (3)")]
    public async Task SweptToolCall_WithBadArgs_IsInvalid(string args, string error)
    {
        var (stream, message) = await RunAsync(
            Ev.Start(), Ev.BlockStart(0, new ToolCallChunkBlock("c", "f", "")), Ev.Args(0, args), Ev.End());

        InvalidToolCallBlock invalid = Assert.Single(message.InvalidToolCalls);
        Assert.Equal(("c", "f", args), (invalid.Id, invalid.Name, invalid.Args));
        Assert.Contains(error, invalid.Error, StringComparison.Ordinal);
        Assert.Empty(message.ToolCalls);
        Assert.Empty(await stream.ToolCalls.Within());
        Assert.IsType<InvalidToolCallBlock>(Assert.Single(message.Content));
    }

    [Fact]
    public async Task SweptToolCall_WithNoArgs_HasEmptyObjectArgs()
    {
        var (_, message) = await RunAsync(Ev.Start(), Ev.BlockStart(0, new ToolCallChunkBlock("c", "noargs", "")), Ev.End());

        ToolCallBlock call = Assert.Single(message.ToolCalls);
        Assert.Equal(JsonValueKind.Object, call.Args.ValueKind);
        Assert.Empty(call.Args.EnumerateObject());
    }

    [Fact]
    public async Task FinishedToolCall_WithNonObjectArgs_IsInvalid()
    {
        var (_, message) = await RunAsync(Ev.Start(), Ev.Finish(0, Ev.Call("c", "f", "[1,2]")), Ev.End());

        InvalidToolCallBlock invalid = Assert.Single(message.InvalidToolCalls);
        Assert.Equal("[1,2]", invalid.Args);
        Assert.Contains("array", invalid.Error, StringComparison.Ordinal);
        Assert.Empty(message.ToolCalls);
    }

    [Fact]
    public async Task InvalidToolCallFinish_RemovesTheStaleChunk_SoNothingIsSweptTwice()
    {
        var (_, message) = await RunAsync(
            Ev.Start(),
            Ev.BlockStart(0, new ToolCallChunkBlock("c", "f", "")),
            Ev.Args(0, "{bad"),
            Ev.Finish(0, new InvalidToolCallBlock("c", "f", "{bad", "Failed to parse tool call arguments as JSON") { Index = 0 }),
            Ev.End());

        Assert.Single(message.InvalidToolCalls);
        Assert.Empty(message.ToolCalls);
        Assert.Null(Assert.IsType<InvalidToolCallBlock>(Assert.Single(message.Content)).Index);
    }

    [Fact]
    public async Task IndexlessToolCallFinish_ClosesTheStreamedRecordWithTheSameId()
    {
        var (_, message) = await RunAsync(
            Ev.Start(),
            Ev.BlockStart(0, new ToolCallChunkBlock("c", "f", "")),
            Ev.Args(0, "{\"a\":1}"),
            Ev.Finish(null, Ev.Call("c", "f", "{\"a\":1}")),
            Ev.End());

        Assert.Equal("c", Assert.Single(message.ToolCalls).Id);
        Assert.Equal("c", Assert.IsType<ToolCallBlock>(Assert.Single(message.Content)).Id);
    }

    [Fact]
    public async Task ToolCallChunkUsedAsFinish_FinalizesTheCallInFinishOrder()
    {
        var (_, message) = await RunAsync(
            Ev.Start(),
            Ev.BlockStart(0, new ToolCallChunkBlock("first", "f", "")),
            Ev.BlockStart(1, new ToolCallChunkBlock("second", "g", "")),
            Ev.Args(1, "{}"),
            Ev.Finish(1, new ToolCallChunkBlock("second", "g", "{\"b\":true}")),
            Ev.End());

        Assert.Equal(["second", "first"], message.ToolCalls.Select(c => c.Id));
        Assert.True(message.ToolCalls[0].Args.GetProperty("b").GetBoolean());
    }

    [Fact]
    public async Task ToolCallFinish_KeepsExtrasOnTheBlock_NotInToolCalls()
    {
        var (_, message) = await RunAsync(
            Ev.Start(),
            Ev.Finish(0, Ev.Call("c", "f", "{}") with { Extras = Json.Map("""{"k":1}"""), Index = 5 }),
            Ev.End());

        var block = Assert.IsType<ToolCallBlock>(Assert.Single(message.Content));
        Assert.Equal(1, block.Extras!["k"].GetInt32());
        Assert.Null(block.Index);
        Assert.Null(Assert.Single(message.ToolCalls).Extras);
    }

    [Fact]
    public async Task ServerToolCall_StreamedAndResult_PassThroughWithIndex_NotInToolCalls()
    {
        var (stream, message) = await RunAsync(
            Ev.Start(),
            Ev.BlockStart(0, new ServerToolCallChunkBlock("srv_1", "web_search", "")),
            Ev.Snapshot(0, """{"type":"server_tool_call_chunk","id":"srv_1","name":"web_search","args":"{\"query\":\"x\"}"}"""),
            Ev.Finish(1, new ServerToolResultBlock("srv_1", "success") { Output = Json.Element("[1]") }),
            Ev.Finish(2, new TextBlock("answer")),
            Ev.End());

        Assert.Empty(await stream.ToolCalls.CollectAsync());
        Assert.Empty(message.ToolCalls);
        var call = Assert.IsType<ServerToolCallBlock>(message.Content[0]);
        Assert.Equal(("srv_1", "web_search", "x", 0), (call.Id, call.Name, call.Args.GetProperty("query").GetString(), call.Index!.Value.Number));
        var result = Assert.IsType<ServerToolResultBlock>(message.Content[1]);
        Assert.Equal(1, result.Index!.Value.Number);
    }

    [Fact]
    public async Task ServerToolCall_UnparsableArgs_LandsInInvalidToolCalls()
    {
        var (_, message) = await RunAsync(
            Ev.Start(), Ev.BlockStart(0, new ServerToolCallChunkBlock("s", "search", "")), Ev.Args(0, "{oops"), Ev.End());

        Assert.Equal("s", Assert.Single(message.InvalidToolCalls).Id);
    }

    [Fact]
    public async Task MediaBlocks_PassThrough_DataDeltasFillAnUnfinishedBlock()
    {
        var (_, message) = await RunAsync(
            Ev.Start(),
            Ev.Finish(0, new ImageBlock { Url = "https://x/a.png", MimeType = "image/png" }),
            Ev.BlockStart(1, new AudioBlock { MimeType = "audio/wav" }),
            new ContentBlockDeltaEvent(1, new DataDelta("AAA", null)),
            new ContentBlockDeltaEvent(1, new DataDelta("BBB", "base64")),
            Ev.Finish(2, new NonStandardBlock(Json.Element("""{"type":"refusal","refusal":"no"}"""))),
            Ev.End());

        Assert.Equal("https://x/a.png", Assert.IsType<ImageBlock>(message.Content[0]).Url);
        var audio = Assert.IsType<AudioBlock>(message.Content[1]);
        Assert.Equal(("AAABBB", "audio/wav", 1), (audio.Data, audio.MimeType, audio.Index!.Value.Number));
        Assert.Equal("refusal", Assert.IsType<NonStandardBlock>(message.Content[2]).Value.GetProperty("type").GetString());
        Assert.Equal("", message.Text);
    }

    [Fact]
    public async Task UnknownEventsAndBlocks_AreRecordedButIgnored()
    {
        var unknownEvent = (UnknownEvent)ProtocolJson.Deserialize("""{"event":"future","x":1}""");
        var unknownFinish = ProtocolJson.Deserialize("""{"event":"content-block-finish","index":0,"content":{"type":"hologram"}}""");
        var (stream, message) = await RunAsync(Ev.Start(), unknownEvent, unknownFinish, Ev.Text(1, "ok"), Ev.End());

        Assert.Contains(unknownEvent, await stream.CollectAsync());
        Assert.Equal("ok", Assert.IsType<TextBlock>(Assert.Single(message.Content)).Text);
    }

    [Theory]
    [InlineData("stop", null, "stop")]
    [InlineData(null, """{"finish_reason":"length"}""", "length")]
    [InlineData(null, """{"stop_reason":"end_turn"}""", "end_turn")]
    [InlineData(null, null, null)]
    public async Task FinishReason_ComesFromEventThenMetadata(string? reason, string? metadata, string? expected)
    {
        var (_, message) = await RunAsync(Ev.Start(), Ev.End(reason, null, metadata));

        Assert.Equal(expected, message.FinishReason);
        Assert.Equal(expected, JsonValues.StringOf(message.ResponseMetadata, "finish_reason"));
    }

    [Fact]
    public async Task ResponseMetadata_StartThenFinishWins_OursLast_RawReasonKept()
    {
        var (_, message) = await RunAsync(
            Ev.Start(provider: "openai", model: "gpt-start"),
            Ev.End("tool_calls", null, """{"model_name":"gpt-finish","finish_reason":"function_call","output_version":"responses/v1","id":"x"}"""));

        Json.AssertEquivalent(
            """{"model_provider":"openai","model_name":"gpt-finish","finish_reason":"tool_calls","raw_finish_reason":"function_call","output_version":"v1","id":"x"}""",
            System.Text.Json.JsonSerializer.Serialize(message.ResponseMetadata));
    }

    [Fact]
    public async Task MessageId_StartIdBeatsAssignedIdInAnyOrder_EmptyIdIsNoId()
    {
        var stream = new ChatModelStream("ctor");
        stream.Dispatch(Ev.Start("provider-id"));
        stream.SetMessageId("later");
        stream.Dispatch(Ev.End());
        Assert.Equal("provider-id", (await stream.GetMessageWithin()).Id);

        var empty = new ChatModelStream("ctor");
        empty.SetMessageId("run-1");
        empty.Dispatch(Ev.Start(""));
        empty.Dispatch(Ev.End());
        Assert.Equal("run-1", (await empty.GetMessageWithin()).Id);
        Assert.Equal("run-1", empty.MessageId);
    }

    [Fact]
    public void Snapshot_ShowsFinishedOpenAndPartialState_WithoutStarting()
    {
        var stream = new ChatModelStream("m");
        bool started = false;
        stream.SetStart(_ => { started = true; return ValueTask.CompletedTask; });
        stream.Dispatch(Ev.Start(usage: new UsageInfo(InputTokens: 9)));
        stream.Dispatch(Ev.Finish(0, new ReasoningBlock("done thinking")));
        stream.Dispatch(Ev.Text(1, "partial"));
        stream.Dispatch(Ev.BlockStart(2, new ToolCallChunkBlock("c", "f", "")));
        stream.Dispatch(Ev.Args(2, "{\"a\":"));

        AIMessage snapshot = stream.Snapshot();

        Assert.False(started);
        Assert.Equal(["reasoning", "text", "tool_call_chunk"], snapshot.Content.Select(b => b.Type));
        Assert.Equal("partial", snapshot.Text);
        var chunk = Assert.IsType<ToolCallChunkBlock>(snapshot.Content[2]);
        Assert.Equal(("c", "f", "{\"a\":"), (chunk.Id, chunk.Name, chunk.Args));
        Assert.Equal(9, snapshot.UsageMetadata!.InputTokens);
        Assert.Null(snapshot.FinishReason);
        Assert.Equal("m", snapshot.Id);

        stream.Dispatch(Ev.End());
        Assert.Same(stream.OutputMessage, stream.Snapshot());
    }

    [Fact]
    public void Dispatch_NeverMutatesTheEvent()
    {
        var fields = System.Text.Json.Nodes.JsonNode.Parse("""{"type":"tool_call_chunk","id":"a","args":"{}","extras":{"k":1}}""")!.AsObject();
        string before = fields.ToJsonString();
        var finish = new ContentBlockFinishEvent(3, new TextBlock("t"));
        var stream = new ChatModelStream();

        stream.Dispatch(new ContentBlockDeltaEvent(0, new BlockDelta(fields)));
        stream.Dispatch(finish);
        stream.Dispatch(Ev.End());

        Assert.Equal(before, fields.ToJsonString());
        Assert.Null(finish.Content.Index);
        Assert.Equal(3, stream.OutputMessage!.Content.OfType<TextBlock>().Single().Index!.Value.Number);
        Assert.Equal(1, stream.OutputMessage.Content.OfType<ToolCallBlock>().Single().Extras!["k"].GetInt32());
    }
}
