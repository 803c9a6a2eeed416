using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace ChatStreams.Cli;

/// <summary>Serves a captured response body on loopback, event by event with an optional pace, for <c>chatstream replay</c>.</summary>
internal sealed class ReplayServer : IAsyncDisposable
{
    /// <summary>The server.</summary>
    private readonly WebApplication _app;

    /// <summary>Initializes and starts the server on 127.0.0.1, port 0.</summary>
    private ReplayServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Gets the server's base address.</summary>
    public Uri Address { get; }

    /// <summary>Starts serving <paramref name="body"/> to every request.</summary>
    /// <param name="body">The captured body.</param>
    /// <param name="contentType">Its media type.</param>
    /// <param name="pace">The delay between events.</param>
    /// <returns>The running server.</returns>
    public static async Task<ReplayServer> StartAsync(byte[] body, string contentType, TimeSpan pace)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        List<ReadOnlyMemory<byte>> events = Split(body);
        app.Run(async context =>
        {
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            context.Response.ContentType = contentType;
            foreach (ReadOnlyMemory<byte> piece in events)
            {
                await context.Response.Body.WriteAsync(piece, context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                if (pace > TimeSpan.Zero)
                {
                    await Task.Delay(pace, context.RequestAborted).ConfigureAwait(false);
                }
            }
        });
        await app.StartAsync().ConfigureAwait(false);
        return new ReplayServer(app, new Uri(app.Urls.Single()));
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>Splits a body after each blank line (SSE) or newline (NDJSON), keeping every byte.</summary>
    private static List<ReadOnlyMemory<byte>> Split(byte[] body)
    {
        var pieces = new List<ReadOnlyMemory<byte>>();
        int start = 0;
        bool ndjson = body.Length > 0 && body[0] == (byte)'{';
        for (int i = 0; i < body.Length; i++)
        {
            bool boundary = body[i] == (byte)'\n' && (ndjson || (i > 0 && (body[i - 1] == (byte)'\n' || (body[i - 1] == (byte)'\r' && i > 1 && body[i - 2] == (byte)'\n'))));
            if (boundary)
            {
                pieces.Add(body.AsMemory(start, i + 1 - start));
                start = i + 1;
            }
        }

        if (start < body.Length)
        {
            pieces.Add(body.AsMemory(start));
        }

        return pieces;
    }
}
