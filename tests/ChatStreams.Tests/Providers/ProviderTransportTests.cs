using System.Net;
using System.Text;

namespace ChatStreams.Tests.Providers;

/// <summary>The provider call as an enumerator: what happens when it is asked again after it ended.</summary>
public class ProviderTransportTests
{
    /// <summary>Answers every request with the same status and body, counting requests.</summary>
    private sealed class CountingHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public int Requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Requests);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "text/event-stream") });
        }
    }

    private static (IAsyncEnumerator<StreamEvent> Events, CountingHandler Handler) Call(HttpStatusCode status, string body)
    {
        var handler = new CountingHandler(status, body);
        var options = new OpenAIChatModelOptions { Model = "m", HttpClient = new HttpClient(handler), MaxRetries = 0 };
        var transport = new ProviderTransport("openai", new OpenAIChatModel(options), options, new Uri("http://transport.test/v1"));
        IAsyncEnumerable<StreamEvent> events = transport.PostAsync("chat/completions", "{}"u8.ToArray(), _ => { }, ndjson: false, () => new OpenAIChatTranslator("openai", null), default);
        return (events.GetAsyncEnumerator(), handler);
    }

    [Fact]
    public async Task AFailedCall_AskedAgain_EndsWithoutSendingAgain()
    {
        (IAsyncEnumerator<StreamEvent> events, CountingHandler handler) = Call(HttpStatusCode.BadRequest, """{"error":{"message":"bad"}}""");

        await Assert.ThrowsAsync<ChatModelException>(async () => await events.MoveNextAsync());

        Assert.False(await events.MoveNextAsync());
        Assert.Equal(1, handler.Requests);
        await events.DisposeAsync();
    }

    [Fact]
    public async Task AMalformedPayload_AskedAgain_EndsWithoutReadingOn()
    {
        const string Body = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\ndata: {not json\n\ndata: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}\n\ndata: [DONE]\n\n";
        (IAsyncEnumerator<StreamEvent> events, CountingHandler handler) = Call(HttpStatusCode.OK, Body);
        var seen = new List<StreamEvent>();

        var error = await Assert.ThrowsAsync<ChatModelException>(async () =>
        {
            while (await events.MoveNextAsync())
            {
                seen.Add(events.Current);
            }
        });

        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
        Assert.Contains(seen, e => e is ContentBlockDeltaEvent { Delta: TextDelta { Text: "a" } });
        Assert.False(await events.MoveNextAsync());
        Assert.Equal(1, handler.Requests);
        await events.DisposeAsync();
    }
}
