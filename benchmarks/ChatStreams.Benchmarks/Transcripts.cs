using System.Text;
using System.Text.Json;

namespace ChatStreams.Benchmarks;

/// <summary>Large provider bodies shaped like the shared fixtures, synthesized so every run streams the same bytes.</summary>
internal static class Transcripts
{
    private static readonly string[] s_words = ["Hello", ",", " world", "!", " The", " weather", " in", " Paris", " is", " mild", " \u201Ctoday\u201D", "."];

    /// <summary>OpenAI Chat Completions: <paramref name="deltas"/> text deltas, a finish chunk, a usage chunk, <c>[DONE]</c>.</summary>
    public static byte[] OpenAIChatText(int deltas)
    {
        var sb = new StringBuilder();
        Chunk(sb, """{"role":"assistant","content":"","refusal":null}""", null);
        for (int i = 0; i < deltas; i++)
        {
            Chunk(sb, $$$"""{"content":{{{JsonSerializer.Serialize(s_words[i % s_words.Length])}}}}""", null);
        }

        Chunk(sb, "{}", "\"stop\"");
        sb.Append("""data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1727346178,"model":"gpt-4o-2024-08-06","choices":[],"usage":{"prompt_tokens":14,"completion_tokens":""" + deltas + ""","total_tokens":""" + (deltas + 14) + ""","completion_tokens_details":{"reasoning_tokens":0}}}""").Append("\n\n");
        sb.Append("data: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>OpenAI Chat Completions: two parallel tool calls, <paramref name="fragments"/> argument fragments each.</summary>
    public static byte[] OpenAIChatTools(int fragments)
    {
        var sb = new StringBuilder();
        Chunk(sb, """{"role":"assistant","content":null}""", null);
        for (int call = 0; call < 2; call++)
        {
            Chunk(sb, $$$"""{"tool_calls":[{"index":{{{call}}},"id":"call_{{{call}}}","type":"function","function":{"name":"tool_{{{call}}}","arguments":""}}]}""", null);
            Chunk(sb, $$$"""{"tool_calls":[{"index":{{{call}}},"function":{"arguments":"{\"items\":["}}]}""", null);
            for (int i = 0; i < fragments - 2; i++)
            {
                Chunk(sb, $$$"""{"tool_calls":[{"index":{{{call}}},"function":{"arguments":"{{{i % 10}}},"}}]}""", null);
            }

            Chunk(sb, $$$"""{"tool_calls":[{"index":{{{call}}},"function":{"arguments":"0]}"}}]}""", null);
        }

        Chunk(sb, "{}", "\"tool_calls\"");
        sb.Append("data: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>Anthropic Messages: a thinking block then a text block, <paramref name="deltas"/> deltas in all.</summary>
    public static byte[] AnthropicThinkingText(int deltas)
    {
        var sb = new StringBuilder();
        Event(sb, "message_start", """{"type":"message_start","message":{"id":"msg_bench","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":69,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}""");
        Event(sb, "content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}""");
        int thinking = deltas / 5;
        for (int i = 0; i < thinking; i++)
        {
            Event(sb, "content_block_delta", $$$"""{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":{{{JsonSerializer.Serialize(s_words[i % s_words.Length])}}}}}""");
        }

        Event(sb, "content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCkYIBxgCKkD0"}}""");
        Event(sb, "content_block_stop", """{"type":"content_block_stop","index":0}""");
        Event(sb, "content_block_start", """{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}""");
        for (int i = 0; i < deltas - thinking; i++)
        {
            Event(sb, "content_block_delta", $$$"""{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":{{{JsonSerializer.Serialize(s_words[i % s_words.Length])}}}}}""");
        }

        Event(sb, "content_block_stop", """{"type":"content_block_stop","index":1}""");
        Event(sb, "message_delta", $$$"""{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":{{{deltas}}}}}""");
        Event(sb, "message_stop", """{"type":"message_stop"}""");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static void Chunk(StringBuilder sb, string delta, string? finish) =>
        sb.Append("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1727346178,\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_5050236cbd\",\"choices\":[{\"index\":0,\"delta\":")
          .Append(delta).Append(",\"logprobs\":null,\"finish_reason\":").Append(finish ?? "null").Append("}]}\n\n");

    private static void Event(StringBuilder sb, string name, string data) => sb.Append("event: ").Append(name).Append("\ndata: ").Append(data).Append("\n\n");
}
