using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace ChatStreams.Tests.Providers;

/// <summary>Golden tests of each provider's request, as the loopback server received it.</summary>
public sealed class ProviderRequestTests(FixtureServer server) : IClassFixture<FixtureServer>
{
    private static readonly byte[] s_png = [0x89, 0x50, 0x4E, 0x47];

    /// <summary>A multi-turn tool conversation: system, user text and image, assistant reasoning with a signature, text and a tool call, its result, a follow-up.</summary>
    internal static List<ChatMessage> Conversation()
    {
        var reasoning = new ReasoningBlock("Need the weather.") { Extras = Json.Map("""{"signature":"sig-123"}""") };
        var call = new ToolCallBlock("call_1", "get_weather", Json.Element("""{"city":"Paris"}""")) { Extras = Json.Map("""{"signature":"tsig"}""") };
        return
        [
            new(ChatRole.System, "Be brief."),
            new(ChatRole.User, [new TextContent("Weather in Paris?"), new DataContent(s_png, "image/png")]),
            new(ChatRole.Assistant,
            [
                new TextReasoningContent("Need the weather.") { ProtectedData = "sig-123", RawRepresentation = reasoning },
                new TextContent("Checking."),
                new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" }) { RawRepresentation = call },
            ]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "Sunny, 21C")]),
            new(ChatRole.User, "Thanks"),
        ];
    }

    internal static ChatOptions Options() => new()
    {
        Temperature = 0.5f,
        MaxOutputTokens = 100,
        StopSequences = ["END"],
        Tools = [AIFunctionFactory.Create((string city) => city, "get_weather", "Gets the weather.")],
        ToolMode = ChatToolMode.Auto,
        ResponseFormat = ChatResponseFormat.Json,
        AdditionalProperties = new() { ["user"] = "u1" },
    };

    private async Task<RecordedRequest> SendAsync(Func<Uri, ChatModel> create, string fixture)
    {
        Uri prefix = server.Serve(new Scenario(Fixtures.Bytes(fixture), fixture.EndsWith(".ndjson", StringComparison.Ordinal) ? "application/x-ndjson" : "text/event-stream"));
        await create(prefix).InvokeAsync(Conversation(), Options()).Within();
        return Assert.Single(server.Requests(prefix));
    }

    private static void AssertBody(string expected, RecordedRequest request)
    {
        JsonNode actual = JsonNode.Parse(request.Body)!;

        // The tool's schema comes from AIFunctionFactory; its exact form is not ours to pin.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"Expected\n{expected}\nbut the server received\n{actual.ToJsonString()}");
    }

    [Fact]
    public async Task OpenAIChat_Request()
    {
        RecordedRequest request = await SendAsync(uri => new OpenAIChatModel(new OpenAIChatModelOptions { Model = "gpt-4o", ApiKey = "sk-secret", Endpoint = new Uri(uri, "v1"), Organization = "org-1" }), "openai-chat-text-usage.sse");

        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer sk-secret", request.Headers["Authorization"]);
        Assert.Equal("org-1", request.Headers["OpenAI-Organization"]);
        AssertBody("""
            {"model": "gpt-4o", "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": [{"type": "text", "text": "Weather in Paris?"}, {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw=="}}]}, {"role": "assistant", "content": "Checking.", "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}]}, {"role": "tool", "tool_call_id": "call_1", "content": "Sunny, 21C"}, {"role": "user", "content": "Thanks"}], "stream": true, "stream_options": {"include_usage": true}, "temperature": 0.5, "max_tokens": 100, "stop": ["END"], "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Gets the weather.", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}], "tool_choice": "auto", "response_format": {"type": "json_object"}, "user": "u1"}
            """, request);
    }

    [Fact]
    public async Task OpenAIResponses_Request()
    {
        RecordedRequest request = await SendAsync(uri => new OpenAIResponsesChatModel(new OpenAIResponsesChatModelOptions { Model = "gpt-5", ApiKey = "sk-secret", Endpoint = new Uri(uri, "v1") }), "openai-responses-text.sse");

        Assert.Equal("/v1/responses", request.Path);
        AssertBody("""
            {"model": "gpt-5", "stream": true, "store": false, "include": ["reasoning.encrypted_content"], "input": [{"role": "system", "content": [{"type": "input_text", "text": "Be brief."}]}, {"role": "user", "content": [{"type": "input_text", "text": "Weather in Paris?"}, {"type": "input_image", "image_url": "data:image/png;base64,iVBORw=="}]}, {"type": "reasoning", "summary": [{"type": "summary_text", "text": "Need the weather."}], "encrypted_content": "sig-123"}, {"role": "assistant", "content": [{"type": "output_text", "text": "Checking."}]}, {"type": "function_call", "call_id": "call_1", "name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}, {"type": "function_call_output", "call_id": "call_1", "output": "Sunny, 21C"}, {"role": "user", "content": [{"type": "input_text", "text": "Thanks"}]}], "temperature": 0.5, "max_output_tokens": 100, "tools": [{"type": "function", "name": "get_weather", "description": "Gets the weather.", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}], "tool_choice": "auto", "text": {"format": {"type": "json_object"}}, "user": "u1"}
            """, request);
    }

    [Fact]
    public async Task Anthropic_Request()
    {
        RecordedRequest request = await SendAsync(uri => new AnthropicChatModel(new AnthropicChatModelOptions { Model = "claude-sonnet-4-5", ApiKey = "sk-ant-secret", Endpoint = uri }), "anthropic-text-tool.sse");

        Assert.Equal("/v1/messages", request.Path);
        Assert.Equal("sk-ant-secret", request.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", request.Headers["anthropic-version"]);
        AssertBody("""
            {"model": "claude-sonnet-4-5", "max_tokens": 100, "stream": true, "system": "Be brief.", "messages": [{"role": "user", "content": [{"type": "text", "text": "Weather in Paris?"}, {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw=="}}]}, {"role": "assistant", "content": [{"type": "thinking", "thinking": "Need the weather.", "signature": "sig-123"}, {"type": "text", "text": "Checking."}, {"type": "tool_use", "id": "call_1", "name": "get_weather", "input": {"city": "Paris"}}]}, {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "call_1", "content": "Sunny, 21C"}, {"type": "text", "text": "Thanks"}]}], "temperature": 0.5, "stop_sequences": ["END"], "tools": [{"name": "get_weather", "description": "Gets the weather.", "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}], "tool_choice": {"type": "auto"}, "user": "u1"}
            """, request);
    }

    [Fact]
    public async Task Gemini_Request()
    {
        RecordedRequest request = await SendAsync(uri => new GeminiChatModel(new GeminiChatModelOptions { Model = "gemini-2.5-flash", ApiKey = "AIza-secret", Endpoint = uri }), "gemini-thought-function.sse");

        Assert.Equal("/v1beta/models/gemini-2.5-flash:streamGenerateContent", request.Path);
        Assert.Equal("?alt=sse", request.Query);
        Assert.Equal("AIza-secret", request.Headers["x-goog-api-key"]);
        AssertBody("""
            {"systemInstruction": {"parts": [{"text": "Be brief."}]}, "contents": [{"role": "user", "parts": [{"text": "Weather in Paris?"}, {"inlineData": {"mimeType": "image/png", "data": "iVBORw=="}}]}, {"role": "model", "parts": [{"text": "Checking."}, {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}, "thoughtSignature": "tsig"}]}, {"role": "user", "parts": [{"functionResponse": {"name": "get_weather", "response": {"result": "Sunny, 21C"}}}]}, {"role": "user", "parts": [{"text": "Thanks"}]}], "tools": [{"functionDeclarations": [{"name": "get_weather", "description": "Gets the weather.", "parametersJsonSchema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]}], "toolConfig": {"functionCallingConfig": {"mode": "AUTO"}}, "generationConfig": {"temperature": 0.5, "maxOutputTokens": 100, "stopSequences": ["END"], "responseMimeType": "application/json", "thinkingConfig": {"includeThoughts": true}}, "user": "u1"}
            """, request);
    }

    [Fact]
    public async Task Ollama_Request()
    {
        RecordedRequest request = await SendAsync(uri => new OllamaChatModel(new OllamaChatModelOptions { Model = "qwen3:32b", Endpoint = uri }), "ollama-chat-thinking-tools.ndjson");

        Assert.Equal("/api/chat", request.Path);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        AssertBody("""
            {"model": "qwen3:32b", "stream": true, "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Weather in Paris?", "images": ["iVBORw=="]}, {"role": "assistant", "content": "Checking.", "thinking": "Need the weather.", "tool_calls": [{"function": {"name": "get_weather", "arguments": {"city": "Paris"}}}]}, {"role": "tool", "tool_name": "get_weather", "content": "Sunny, 21C"}, {"role": "user", "content": "Thanks"}], "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Gets the weather.", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}], "format": "json", "options": {"temperature": 0.5, "num_predict": 100, "stop": ["END"]}, "user": "u1"}
            """, request);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("gemini")]
    [InlineData("ollama")]
    public async Task FloatOptions_AreWrittenAsTheCallerWroteThem(string provider)
    {
        (string fixture, Func<Uri, ChatModel> create) = provider switch
        {
            "openai" => ("openai-chat-text-usage.sse", (Func<Uri, ChatModel>)(u => new OpenAIChatModel(new() { Model = "m", Endpoint = new Uri(u, "v1") }))),
            "anthropic" => ("anthropic-text-tool.sse", u => new AnthropicChatModel(new() { Model = "m", Endpoint = u })),
            "gemini" => ("gemini-thought-function.sse", u => new GeminiChatModel(new() { Model = "m", Endpoint = u })),
            _ => ("ollama-chat-thinking-tools.ndjson", u => new OllamaChatModel(new() { Model = "m", Endpoint = u })),
        };
        Uri prefix = server.Serve(new Scenario(Fixtures.Bytes(fixture), fixture.EndsWith(".ndjson", StringComparison.Ordinal) ? "application/x-ndjson" : "text/event-stream"));

        await create(prefix).InvokeAsync(Prompt.Hi, new ChatOptions { Temperature = 0.7f, TopP = 0.9f }).Within();

        string body = Assert.Single(server.Requests(prefix)).Body;
        Assert.Contains("\"temperature\":0.7", body, StringComparison.Ordinal);
        Assert.DoesNotContain("0.699999", body, StringComparison.Ordinal);
    }
}
