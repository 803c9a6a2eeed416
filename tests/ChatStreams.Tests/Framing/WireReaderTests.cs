using System.Text;
using System.Text.Json;

namespace ChatStreams.Tests.Framing;

public class WireReaderTests
{
    private static readonly FramingLimits s_limits = new(FramingLimits.DefaultSize, FramingLimits.DefaultSize);

    public static TheoryData<string, int> Separators() => new()
    {
        { "\n", 1 }, { "\r\n", 1 }, { "\r", 1 }, { "\n", 3 }, { "\r\n", 1000 }, { "\r", 2 },
    };

    private static async Task<List<WireMessage>> ReadSse(string body, int chunk = 1000, FramingLimits? limits = null) =>
        await WireReader.ReadSseAsync(new TrickleStream(Encoding.UTF8.GetBytes(body), chunk), limits ?? s_limits, default).Select(Detach).ToListAsync().Within();

    private static async Task<List<WireMessage>> ReadNdjson(Stream body, FramingLimits? limits = null) =>
        await WireReader.ReadNdjsonAsync(body, limits ?? s_limits, default).Select(Detach).ToListAsync().Within();

    /// <summary>A copy that outlives the reader's next payload (the reader refills one instance).</summary>
    private static WireMessage Detach(WireMessage message) =>
        new(message.EventType, message.HasJson ? message.Utf8.ToArray() : null, message.Utf8.Length, message.IsDone);

    [Theory]
    [MemberData(nameof(Separators))]
    public async Task Sse_AnyLineEnding_AnyChunking_ParsesEveryEvent(string nl, int chunk)
    {
        string body = $": keep-alive{nl}{nl}event: message_start{nl}data: {{\"a\":1}}{nl}{nl}data: {{\"b\":{nl}data: 2}}{nl}{nl}data: [DONE]{nl}{nl}";

        List<WireMessage> messages = await ReadSse(body, chunk);

        Assert.Equal(3, messages.Count);
        Assert.Equal(("message_start", 1), (messages[0].EventType, messages[0].Json.GetProperty("a").GetInt32()));
        Assert.Equal(2, messages[1].Json.GetProperty("b").GetInt32());
        Assert.True(messages[2].IsDone);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Sse_LastEventWithoutBlankLine_IsKept(int chunk)
    {
        List<WireMessage> messages = await ReadSse("data: {\"x\":1}\n\ndata: {\"last\":true}", chunk);

        Assert.True(messages[^1].Json.GetProperty("last").GetBoolean());
    }

    [Fact]
    public async Task Sse_BodyCutMidEvent_IsMalformedJson_WhenRead()
    {
        List<WireMessage> messages = await ReadSse("data: {\"x\":1}\n\ndata: {\"cut");

        Assert.Equal(1, messages[0].Json.GetProperty("x").GetInt32());
        Assert.Throws<JsonException>(() => messages[1].Json);
    }

    [Fact]
    public async Task Sse_PaddedJson_Parses()
    {
        List<WireMessage> messages = await ReadSse("data: {\"type\": \"ping\"}        \n\n");

        Assert.Equal("ping", Assert.Single(messages).Json.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Sse_LineOverLimit_ThrowsNamingTheOption()
    {
        var limits = new FramingLimits(MaxLineSize: 64, MaxEventSize: 1024);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadSse("data: " + new string('x', 100) + "\n\n", 7, limits));

        Assert.Contains("MaxLineSize (64 bytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sse_EventOverLimit_ThrowsNamingTheOption()
    {
        var limits = new FramingLimits(MaxLineSize: 64, MaxEventSize: 100);
        string line = "data: " + new string('x', 40) + "\n";

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadSse(line + line + line + "\n", 5, limits));

        Assert.Contains("MaxEventSize (100 bytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sse_ManyEventsUnderLimit_EachCountsAlone()
    {
        var limits = new FramingLimits(MaxLineSize: 64, MaxEventSize: 64);
        string body = string.Concat(Enumerable.Repeat("data: {\"k\":\"0123456789\"}\r\n\r\n", 200));

        Assert.Equal(200, (await ReadSse(body, 3, limits)).Count);
    }

    [Fact]
    public async Task Sse_InvalidUtf8_IsMalformed()
    {
        byte[] body = [.. "data: {\"t\":\""u8, 0xC3, 0x28, .. "\"}\n\n"u8];

        await Assert.ThrowsAsync<InvalidDataException>(() => WireReader.ReadSseAsync(new MemoryStream(body), s_limits, default).ToListAsync());
    }

    [Fact]
    public async Task Sse_NonJsonPayload_IsMalformed_WhenRead()
    {
        WireMessage message = Assert.Single(await ReadSse("data: hello\n\n"));

        Assert.Throws<JsonException>(() => message.Json);
    }

    [Theory]
    [InlineData("\n", 1)]
    [InlineData("\r\n", 5)]
    [InlineData("\n", 1000)]
    public async Task Ndjson_Lines_AnyChunking_LastLineWithoutNewline(string nl, int chunk)
    {
        string body = $"{{\"a\":1}}{nl}{nl}{{\"b\":2}}{nl}{{\"done\":true}}";

        List<WireMessage> lines = await ReadNdjson(new TrickleStream(Encoding.UTF8.GetBytes(body), chunk));

        Assert.Equal(3, lines.Count);
        Assert.True(lines[2].Json.GetProperty("done").GetBoolean());
    }

    [Fact]
    public async Task Ndjson_LineOverLimit_Throws()
    {
        var limits = new FramingLimits(MaxLineSize: 50, MaxEventSize: 50);
        string body = "{\"a\":\"" + new string('x', 100) + "\"}\n";

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => WireReader.ReadNdjsonAsync(new TrickleStream(Encoding.UTF8.GetBytes(body), 8), limits, default).ToListAsync());

        Assert.Contains("MaxLineSize (50 bytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ndjson_LongLinesUnderLimit_GrowTheBuffer()
    {
        string value = new('y', 100_000);
        string body = $"{{\"v\":\"{value}\"}}\n{{\"v\":\"z\"}}\n";

        List<WireMessage> lines = await ReadNdjson(new MemoryStream(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(value, lines[0].Json.GetProperty("v").GetString());
    }
}
