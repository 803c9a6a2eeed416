using System.Text;
using System.Text.Json;
using CsCheck;

namespace ChatStreams.Tests.Providers;

/// <summary>
/// The translators' chunk memo: a payload identical to the last one around one string is read without tokenizing
/// the rest, and must translate exactly as a full read would, on every input, malformed ones included.
/// </summary>
public class ChunkTemplateTests
{
    private static readonly byte[] s_remembered = """{"a":1,"delta":{"content":"Hello"},"z":null}"""u8.ToArray();

    private static ChunkTemplate Remembered()
    {
        var template = new ChunkTemplate();
        int start = Encoding.UTF8.GetString(s_remembered).IndexOf("\"Hello\"", StringComparison.Ordinal);
        template.Remember(s_remembered, start, start + "\"Hello\"".Length);
        return template;
    }

    [Theory]
    [InlineData("""{"a":1,"delta":{"content":" world"},"z":null}""", " world")]
    [InlineData("""{"a":1,"delta":{"content":""},"z":null}""", "")]
    [InlineData("""{"a":1,"delta":{"content":"say \"hi\"\n\u00e9\ud83d\ude00"},"z":null}""", "say \"hi\"\n\u00e9\U0001F600")]
    public void TryMatch_SameBytesAroundOneString_DecodesTheString(string payload, string expected)
    {
        Assert.True(Remembered().TryMatch(Encoding.UTF8.GetBytes(payload), out string value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("""{"a":2,"delta":{"content":"x"},"z":null}""")] // the envelope changed
    [InlineData("""{"a":1,"delta":{"content":"x"},"z":null,"obfuscation":"q"}""")] // a field was added
    [InlineData("""{"a":1,"delta":{"content":"x"},"z":null} """)] // white space differs
    [InlineData("""{"a":1,"delta":{"content":null},"z":null}""")] // not a string
    [InlineData("""{"a":1,"delta":{"content":"x","refusal":"y"},"z":null}""")] // two strings where one was
    [InlineData("""{"a":1,"delta":{"content":"x\q"},"z":null}""")] // an invalid escape
    [InlineData("""{"a":1,"delta":{"content":"x	y"},"z":null}""")] // a raw control character (tab)
    [InlineData("""{"a":1,"delta":{"content":"},"z":null}""")] // too short to hold a string
    public void TryMatch_AnythingElse_Misses(string payload)
    {
        Assert.False(Remembered().TryMatch(Encoding.UTF8.GetBytes(payload), out _));
    }

    [Fact]
    public void TryMatch_InvalidUtf8InTheString_Misses()
    {
        byte[] payload = [.. "{\"a\":1,\"delta\":{\"content\":\"x"u8, 0xC3, 0x28, .. "\"},\"z\":null}"u8];
        Assert.False(Remembered().TryMatch(payload, out _));
    }

    [Fact]
    public void TryMatch_NothingRemembered_Misses()
    {
        Assert.False(new ChunkTemplate().TryMatch(s_remembered, out _));
    }

    [Fact]
    public void OpenAIChat_RandomChunkSequences_TranslateAsTheDocumentPathWould()
    {
        Gen.Int[1, 40].SelectMany(n => s_openAIChunk.Array[n]).Sample(
            chunks => AssertSameAsFullRead(hot => new OpenAIChatTranslator("openai", null) { UseHotPath = hot }, chunks.Select(c => ("message", c)).ToArray()),
            iter: 400);
    }

    [Fact]
    public void Anthropic_RandomEventSequences_TranslateAsTheDocumentPathWould()
    {
        Gen.Int[1, 40].SelectMany(n => s_anthropicEvent.Array[n]).Sample(
            events => AssertSameAsFullRead(hot => new AnthropicTranslator("anthropic", null) { UseHotPath = hot }, [("message_start", """{"type":"message_start","message":{"id":"msg_1","model":"claude","usage":{"input_tokens":3}}}"""), .. events]),
            iter: 400);
    }

    private static readonly string[] s_holes = ["\"Hello\"", "\" world\"", "\"\"", "\"a\\\"b\"", "\"\\u00e9\\n\"", "null", "\"x\\q\"", "\"x\",\"content\":\"y\"", "\"unterminated", "7", "{\"text\":\"nested\",\"content\":\"x\"}", "[\"x\"]"];

    /// <summary>Delta strings: ordinary text, escapes, the empty string, and holes that are not one valid string.</summary>
    private static readonly Gen<string> s_hole = Gen.OneOf(
        Gen.String.Select(s => JsonSerializer.Serialize(s)),
        Gen.Int[0, s_holes.Length - 1].Select(i => s_holes[i]));

    private static readonly Gen<string> s_openAIChunk =
        Gen.Select(Gen.Int[0, 7], s_hole, Gen.Int[0, 2], Gen.Int[0, 3], Gen.Bool).Select((shape, hole, call, finish, obfuscated) =>
        {
            string delta = shape switch
            {
                0 => $$"""{"content":{{hole}}}""",
                1 => $$"""{"reasoning_content":{{hole}}}""",
                2 => $$"""{"refusal":{{hole}}}""",
                3 => $$"""{"content":{{hole}},"role":"assistant"}""",
                4 => $$$"""{"tool_calls":[{"index":{{{call}}},"function":{"arguments":{{{hole}}}}}]}""",
                5 => $$$"""{"tool_calls":[{"index":{{{call}}},"id":"call_{{{call}}}","type":"function","function":{"name":"f{{{call}}}","arguments":{{{hole}}}}}]}""",
                6 => $$"""{"content":{{hole}},"reasoning":"r"}""",
                _ => """{"role":"assistant","content":null}""",
            };
            string reason = finish switch { 0 => "\"stop\"", 1 => "\"tool_calls\"", _ => "null" };
            string extra = obfuscated ? $$""","obfuscation":"{{hole.Length}}" """ : string.Empty;
            return $$"""{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt","choices":[{"index":0,"delta":{{delta}},"logprobs":null,"finish_reason":{{reason}}}]{{extra}}}""";
        });

    private static readonly string[] s_anthropicBlocks = ["text", "thinking", "tool_use"];

    private static readonly string[] s_anthropicDeltas = ["text_delta", "thinking_delta", "input_json_delta"];

    /// <summary>The string property of each delta type, plus mismatches a full read ignores.</summary>
    private static readonly string[] s_anthropicProperties = ["text", "thinking", "partial_json"];

    private static readonly Gen<(string Type, string Data)> s_anthropicEvent =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 2], s_hole, Gen.Int[0, 2], Gen.Int[0, 3]).Select((shape, index, hole, kind, property) => shape switch
        {
            0 => ("content_block_start", $$$"""{"type":"content_block_start","index":{{{index}}},"content_block":{{{StartBlock(s_anthropicBlocks[kind])}}}}"""),
            1 => ("content_block_stop", $$$"""{"type":"content_block_stop","index":{{{index}}}}"""),
            _ => ("content_block_delta", $$$"""{"type":"content_block_delta","index":{{{index}}},"delta":{"type":"{{{s_anthropicDeltas[kind]}}}","{{{s_anthropicProperties[property == 3 ? kind : property]}}}":{{{hole}}}}}"""),
        });

    private static string StartBlock(string type) => type switch
    {
        "tool_use" => """{"type":"tool_use","id":"toolu_1","name":"f","input":{}}""",
        _ => $$"""{"type":"{{type}}","{{type}}":""}""",
    };

    /// <summary>
    /// Translates the payloads three ways that must agree: the hot path as used (remembering chunks); the hot path
    /// with payload i led by i spaces, white space a full read skips but that keeps any payload from matching the
    /// one before it; and the document path alone.
    /// </summary>
    private static void AssertSameAsFullRead(Func<bool, WireTranslator> create, (string Type, string Data)[] payloads)
    {
        List<string> memo = Translate(create(true), payloads.Select(p => (p.Type, Encoding.UTF8.GetBytes(p.Data))));
        List<string> unremembered = Translate(create(true), payloads.Select((p, i) => (p.Type, Encoding.UTF8.GetBytes(new string(' ', i) + p.Data))));
        List<string> document = Translate(create(false), payloads.Select(p => (p.Type, Encoding.UTF8.GetBytes(p.Data))));
        Assert.Equal(document, unremembered);
        Assert.Equal(document, memo);
    }

    private static List<string> Translate(WireTranslator translator, IEnumerable<(string Type, byte[] Utf8)> payloads)
    {
        var outcome = new List<string>();
        foreach ((string type, byte[] utf8) in payloads)
        {
            try
            {
                translator.Translate(new WireMessage(type, utf8, utf8.Length, isDone: false));
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or ChatModelException or KeyNotFoundException)
            {
                // The reader's own exception derives from JsonException; the transport maps both alike.
                outcome.Add("failed: " + (ex is JsonException ? nameof(JsonException) : ex.GetType().Name));
                return outcome;
            }

            outcome.AddRange(translator.Output.Select(ProtocolJson.Serialize));
            translator.Output.Clear();
        }

        translator.Complete();
        outcome.AddRange(translator.Output.Select(ProtocolJson.Serialize));
        return outcome;
    }
}
