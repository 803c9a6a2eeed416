using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChatStreams.Tests.Interop;

public class AIMessageInteropTests
{
    [Fact]
    public void ToChatMessage_MapsEveryBlockKind()
    {
        var message = new AIMessage
        {
            Id = "m",
            Content =
            [
                new ReasoningBlock("r") { Extras = Json.Map("""{"signature":"s"}""") },
                new TextBlock("t"),
                Ev.Call("c", "f", """{"a":1}"""),
                new InvalidToolCallBlock("d", "g", "{", "Failed to parse tool call arguments as JSON"),
                new ImageBlock { Url = "https://x/y.png", MimeType = "image/png" },
                new AudioBlock { Base64 = "AAEC", MimeType = "audio/wav" },
            ],
        };

        ChatMessage chat = message.ToChatMessage();

        Assert.Equal(ChatRole.Assistant, chat.Role);
        Assert.Equal("m", chat.MessageId);
        Assert.Same(message, chat.RawRepresentation);
        Assert.Collection(
            chat.Contents,
            c => Assert.Equal(("r", "s"), (((TextReasoningContent)c).Text, ((TextReasoningContent)c).ProtectedData)),
            c => Assert.Equal("t", ((TextContent)c).Text),
            c => Assert.Equal(1, ((JsonElement)((FunctionCallContent)c).Arguments!["a"]!).GetInt32()),
            c => Assert.IsType<JsonException>(((FunctionCallContent)c).Exception),
            c => Assert.Equal("https://x/y.png", ((UriContent)c).Uri.ToString()),
            c => Assert.Equal(new byte[] { 0, 1, 2 }, ((DataContent)c).Data.ToArray()));
    }

    [Fact]
    public void ToChatResponse_CarriesIdModelFinishReasonAndUsage()
    {
        var message = new AIMessage
        {
            Id = "resp",
            Content = [new TextBlock("hi")],
            FinishReason = "length",
            UsageMetadata = new UsageInfo(5, 6, 11, new InputTokenDetails(CacheRead: 2), new OutputTokenDetails(Reasoning: 3)),
            ResponseMetadata = Json.Map("""{"model_name":"gpt-x"}"""),
        };

        ChatResponse response = message.ToChatResponse();

        Assert.Equal(("resp", "gpt-x", "hi"), (response.ResponseId, response.ModelId, response.Text));
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal((5L, 6L, 11L, 2L, 3L), (response.Usage!.InputTokenCount!.Value, response.Usage.OutputTokenCount!.Value, response.Usage.TotalTokenCount!.Value, response.Usage.CachedInputTokenCount!.Value, response.Usage.ReasoningTokenCount!.Value));
    }
}
