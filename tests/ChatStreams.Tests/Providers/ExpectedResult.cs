using System.Text.Json;

namespace ChatStreams.Tests.Providers;

/// <summary>Compares a run with a fixture's <c>expected/*.json</c> (INDEX.md's normalization rules).</summary>
internal static class ExpectedResult
{
    public static void AssertMatches(JsonElement expected, ChatModelStream stream, AIMessage? message, Exception? error)
    {
        if (expected.GetProperty("error") is { ValueKind: JsonValueKind.Object } expectedError)
        {
            var failure = Assert.IsType<ChatModelException>(error);
            if (expectedError.Str("type") is { } type)
            {
                Assert.Equal(type, failure.ErrorType);
            }

            if (expectedError.Str("code") is { } code)
            {
                Assert.Equal(code, failure.ErrorCode);
            }

            Assert.Contains(expectedError.Str("message")!, failure.Message, StringComparison.Ordinal);
            if (expectedError.Str("request_id") is { } requestId)
            {
                Assert.Equal(requestId, failure.RequestId);
            }

            AIMessage partial = stream.Snapshot();
            Assert.Equal(expected.Str("text") ?? string.Empty, partial.Text);
            Assert.Equal(expected.Str("message_id"), stream.MessageId);
            return;
        }

        Assert.Null(error);
        Assert.NotNull(message);
        if (expected.Str("message_id") is { } id)
        {
            Assert.Equal(id, message.Id);
        }
        else
        {
            Assert.StartsWith("run-", message.Id, StringComparison.Ordinal);
        }

        Assert.Equal(expected.Str("model"), JsonValues.StringOf(message.ResponseMetadata, "model_name"));
        Assert.Equal(expected.Str("text"), message.Text);
        Assert.Equal(expected.Str("reasoning"), message.Reasoning);
        AssertFinishReason(expected.Str("finish_reason"), message);
        AssertUsage(expected.GetProperty("usage"), message.UsageMetadata);
        AssertToolCalls(expected.GetProperty("tool_calls"), message.ToolCalls);
        AssertBlocks(expected.GetProperty("blocks"), message.Content);
    }

    private static void AssertFinishReason(string? raw, AIMessage message)
    {
        bool tools = message.ToolCalls.Count > 0;
        string? normalized = raw switch
        {
            "stop" or "end_turn" or "STOP" or "completed" => tools ? "tool_calls" : "stop",
            "tool_use" or "tool_calls" => "tool_calls",
            "length" or "max_tokens" => "length",
            _ => raw,
        };
        Assert.Equal(normalized, message.FinishReason);
        if (raw is not null)
        {
            Assert.Contains(message.ResponseMetadata.Values, v => v.ValueKind == JsonValueKind.String && v.GetString() == raw);
        }
    }

    private static void AssertUsage(JsonElement expected, UsageInfo? usage)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(usage);
            return;
        }

        Assert.NotNull(usage);
        Assert.Equal(expected.Int("input_tokens"), usage.InputTokens);
        Assert.Equal(expected.Int("output_tokens"), usage.OutputTokens);
        Assert.Equal(expected.Int("total_tokens"), usage.TotalTokens);
        Assert.Equal(expected.Int("cached_input_tokens"), usage.InputTokenDetails?.CacheRead);
        Assert.Equal(expected.Int("reasoning_tokens"), usage.OutputTokenDetails?.Reasoning);
        if (expected.TryGetProperty("cache_creation_input_tokens", out JsonElement creation))
        {
            Assert.Equal(creation.ValueKind == JsonValueKind.Null ? null : creation.GetInt32(), usage.InputTokenDetails?.CacheCreation);
        }
    }

    private static void AssertToolCalls(JsonElement expected, IReadOnlyList<ToolCallBlock> calls)
    {
        Assert.Equal(expected.GetArrayLength(), calls.Count);
        int i = 0;
        foreach (JsonElement call in expected.EnumerateArray())
        {
            ToolCallBlock actual = calls[i++];
            if (call.Str("id") is { } id)
            {
                Assert.Equal(id, actual.Id);
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(actual.Id), "a call the provider sent without an id gets a synthesized one");
            }

            Assert.Equal(call.Str("name"), actual.Name);
            Json.AssertEquivalent(call.GetProperty("arguments").GetRawText(), actual.Args.GetRawText());
        }
    }

    private static void AssertBlocks(JsonElement expected, IReadOnlyList<ContentBlock> content)
    {
        string[] expectedTypes = [.. expected.EnumerateArray().Select(b => b.Str("type") switch
        {
            "refusal" => "non_standard",
            "redacted_reasoning" => "reasoning",
            "web_search_tool_result" or "web_fetch_tool_result" => "server_tool_result",
            var t => t!,
        })];
        Assert.Equal(expectedTypes, content.Select(b => b.Type));
        int i = 0;
        foreach (JsonElement block in expected.EnumerateArray())
        {
            ContentBlock actual = content[i++];
            switch (block.Str("type"))
            {
                case "refusal":
                    var refusal = Assert.IsType<NonStandardBlock>(actual);
                    Assert.Equal("refusal", refusal.Value.Str("type"));
                    Assert.Equal(block.Str("text"), refusal.Value.Str("refusal"));
                    break;
                case "text" when block.Str("text") is { } text && text != "...":
                    Assert.Equal(text, ((TextBlock)actual).Text);
                    break;
            }

            if (block.Int("signature_length") is { } length)
            {
                Assert.Equal(length, actual.Extras!["signature"].GetString()!.Length);
            }

            if (block.Int("thought_signature_length") is { } thoughtLength)
            {
                Assert.Equal(thoughtLength, actual.Extras!["signature"].GetString()!.Length);
            }
        }
    }
}
