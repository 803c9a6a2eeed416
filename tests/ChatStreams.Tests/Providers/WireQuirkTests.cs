using System.Text;

namespace ChatStreams.Tests.Providers;

/// <summary>Quirks from INDEX.md that no fixture covers, as small bodies over loopback HTTP.</summary>
public sealed class WireQuirkTests(FixtureServer server) : IClassFixture<FixtureServer>
{
    private async Task<AIMessage> RunAsync(Func<Uri, ChatModel> create, string body, string contentType = "text/event-stream")
    {
        Uri prefix = server.Serve(new Scenario(Encoding.UTF8.GetBytes(body), contentType));
        return await create(prefix).InvokeAsync(Prompt.Hi).Within();
    }

    private static OpenAIChatModel Chat(Uri prefix) => new(new() { Model = "m", Endpoint = new Uri(prefix, "v1") });

    [Fact]
    public async Task OpenAIChat_AzureEmptyFirstChunk_DoesNotOverwriteTheId_AndFiltersAreMetadata()
    {
        AIMessage message = await RunAsync(Chat, """
            data: {"id":"","object":"","created":0,"model":"","choices":[],"prompt_filter_results":[{"prompt_index":0,"content_filter_results":{}}]}

            : keep-alive

            data: {"id":"chatcmpl-az","model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null,"content_filter_results":{}}]}

            data: {"id":"chatcmpl-az","model":"gpt-4o","choices":[{"index":0,"delta":{},"finish_reason":"content_filter"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}

            data: [DONE]

            """);

        Assert.Equal(("chatcmpl-az", "Hi", "content_filter"), (message.Id, message.Text, message.FinishReason));
        Assert.Equal(new UsageInfo(3, 1, 4), message.UsageMetadata);
    }

    [Fact]
    public async Task OpenAIChat_ToolCallCutByTheTokenLimit_IsFinishedAsAnInvalidCall()
    {
        AIMessage message = await RunAsync(Chat, """
            data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_x","type":"function","function":{"name":"f","arguments":"{\"a\":"}}]}}]}

            data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"length"}]}

            data: [DONE]

            """);

        InvalidToolCallBlock invalid = Assert.Single(message.InvalidToolCalls);
        Assert.Equal(("call_x", "f", "{\"a\":", "Failed to parse tool call arguments as JSON"), (invalid.Id, invalid.Name, invalid.Args, invalid.Error));
        Assert.Equal("length", message.FinishReason);
    }

    [Fact]
    public async Task OpenAIChat_ReasoningField_AsOllamaAndOpenRouterName_It()
    {
        AIMessage message = await RunAsync(Chat, """
            data: {"id":"c2","model":"m","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":"thinking"}}]}

            data: {"id":"c2","model":"m","choices":[{"index":0,"delta":{"content":"done"},"finish_reason":"stop"}]}

            data: [DONE]

            """);

        Assert.Equal(("thinking", "done"), (message.Reasoning, message.Text));
        Assert.Equal("fp_ollama", JsonValues.StringOf(message.ResponseMetadata, "system_fingerprint"));
    }

    [Fact]
    public async Task Anthropic_RedactedThinking_IsReasoningWithoutText_DataInExtras()
    {
        AIMessage message = await RunAsync(p => new AnthropicChatModel(new() { Model = "claude", Endpoint = p }), """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_r","model":"claude","usage":{"input_tokens":10,"cache_creation_input_tokens":null,"cache_read_input_tokens":5,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"EncryptedBlob=="}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"ok"}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":7}}

            event: message_stop
            data: {"type":"message_stop"}

            """);

        var redacted = Assert.IsType<ReasoningBlock>(message.Content[0]);
        Assert.Null(redacted.Reasoning);
        Assert.Equal("EncryptedBlob==", redacted.Extras!["data"].GetString());
        Assert.Equal(("ok", "length"), (message.Text, message.FinishReason));
        Assert.Equal(new UsageInfo(15, 7, 22, new InputTokenDetails(CacheRead: 5)), message.UsageMetadata);
    }

    [Fact]
    public async Task OpenAIResponses_ReasoningTextAndIncomplete_AreRead()
    {
        AIMessage message = await RunAsync(p => new OpenAIResponsesChatModel(new() { Model = "m", Endpoint = new Uri(p, "v1") }), """
            data: {"type":"response.created","response":{"id":"resp_1","model":"gpt-oss"}}

            data: {"type":"response.output_item.added","output_index":0,"item":{"id":"rs_1","type":"reasoning"}}

            data: {"type":"response.reasoning_text.delta","item_id":"rs_1","output_index":0,"content_index":0,"delta":"The"}

            data: {"type":"response.reasoning_text.delta","item_id":"rs_1","output_index":0,"content_index":0,"delta":" plan"}

            data: {"type":"response.output_item.done","output_index":0,"item":{"id":"rs_1","type":"reasoning"}}

            data: {"type":"response.output_text.delta","item_id":"msg_1","output_index":1,"content_index":0,"delta":"Partial"}

            data: {"type":"response.incomplete","response":{"id":"resp_1","status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"usage":{"input_tokens":5,"output_tokens":9,"total_tokens":14}}}

            """);

        Assert.Equal(("The plan", "Partial", "length", "resp_1"), (message.Reasoning, message.Text, message.FinishReason, message.Id));
        Assert.Equal("max_output_tokens", JsonValues.StringOf(message.ResponseMetadata, "raw_finish_reason") ?? JsonValues.StringOf(message.ResponseMetadata, "status"));
    }

    [Fact]
    public async Task Ollama_ToolCallWithoutId_GetsOne_AndMidStreamErrorThrows()
    {
        AIMessage message = await RunAsync(p => new OllamaChatModel(new() { Model = "m", Endpoint = p }), """
            {"model":"m","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"now","arguments":{}}}]},"done":false}
            {"model":"m","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","prompt_eval_count":3,"eval_count":2}
            """, "application/x-ndjson");

        ToolCallBlock call = Assert.Single(message.ToolCalls);
        Assert.StartsWith("call_", call.Id, StringComparison.Ordinal);
        Assert.Equal("tool_calls", message.FinishReason);

        var error = await Assert.ThrowsAsync<ChatModelException>(() => RunAsync(p => new OllamaChatModel(new() { Model = "m", Endpoint = p }), """
            {"model":"m","message":{"role":"assistant","content":"a"},"done":false}
            {"error":"model runner has unexpectedly stopped"}
            """, "application/x-ndjson"));
        Assert.Contains("model runner has unexpectedly stopped", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gemini_UsageAfterTheFinishChunk_IsTaken_AndSignatureOnAnEmptyPartStaysWithItsBlock()
    {
        AIMessage message = await RunAsync(p => new GeminiChatModel(new() { Model = "g", Endpoint = p }),
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hello\"}],\"role\":\"model\"}}],\"responseId\":\"r1\",\"modelVersion\":\"g\"}\r\n\r\n" +
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\",\"thoughtSignature\":\"SIG\"}],\"role\":\"model\"},\"finishReason\":\"MAX_TOKENS\"}],\"usageMetadata\":{\"promptTokenCount\":2}}\r\n\r\n" +
            "data: {\"usageMetadata\":{\"promptTokenCount\":2,\"candidatesTokenCount\":3,\"totalTokenCount\":5}}\r\n\r\n");

        Assert.Equal(("Hello", "length", "r1"), (message.Text, message.FinishReason, message.Id));
        Assert.Equal("SIG", message.Content[0].Extras!["signature"].GetString());
        Assert.Equal(new UsageInfo(2, 3, 5), message.UsageMetadata);
    }
}
