using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatStreams.Benchmarks;

/// <summary>Where the benchmark body comes from.</summary>
public enum Transport
{
    /// <summary>An <see cref="HttpMessageHandler"/> that answers from memory: parsing cost alone.</summary>
    InMemory,

    /// <summary>A real Kestrel server on 127.0.0.1: the full HTTP path.</summary>
    Loopback,
}

/// <summary>Answers every request with the same body, from memory.</summary>
internal sealed class InMemoryHandler(byte[] body, string mediaType) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}

/// <summary>A loopback Kestrel server answering every request with the same body.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    public LoopbackServer(byte[] body, string mediaType)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(async context =>
        {
            context.Response.ContentType = mediaType;
            await context.Response.Body.WriteAsync(body);
        });
        _app.StartAsync().GetAwaiter().GetResult();
        Address = new Uri(_app.Urls.Single());
    }

    public Uri Address { get; }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

/// <summary>Creates the HTTP client and base address of a transport.</summary>
internal sealed class BenchHttp : IAsyncDisposable
{
    private readonly LoopbackServer? _server;

    public BenchHttp(Transport transport, byte[] body, string mediaType)
    {
        if (transport == Transport.Loopback)
        {
            _server = new LoopbackServer(body, mediaType);
            Client = new HttpClient(new SocketsHttpHandler());
            Address = _server.Address;
        }
        else
        {
            Client = new HttpClient(new InMemoryHandler(body, mediaType));
            Address = new Uri("http://in-memory.test/");
        }
    }

    public HttpClient Client { get; }

    public Uri Address { get; }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
