using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace ChatStreams.Tests.Providers;

/// <summary>How the loopback server answers one scenario.</summary>
internal sealed record Scenario(byte[] Body, string ContentType = "text/event-stream")
{
    public int Status { get; init; } = 200;

    /// <summary>Bytes per write; each write is flushed.</summary>
    public int ChunkSize { get; init; } = 64 * 1024;

    /// <summary>Delay between writes.</summary>
    public TimeSpan Pace { get; init; }

    /// <summary>Stop after this many bytes, ending the response normally (a truncated body).</summary>
    public int? CutAt { get; init; }

    /// <summary>Abort the connection after the body (or the cut) instead of ending it.</summary>
    public bool Reset { get; init; }

    /// <summary>Hold the response open after the body until the request is aborted.</summary>
    public bool Hold { get; init; }

    public Dictionary<string, string> Headers { get; init; } = [];
}

/// <summary>A request as the server received it.</summary>
internal sealed record RecordedRequest(string Path, string Query, string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A real Kestrel server on 127.0.0.1, port 0, serving recorded provider bodies with configurable pacing,
/// truncation and resets. Each scenario gets its own path prefix, so parallel tests share one server.
/// </summary>
public sealed class FixtureServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Queue<Scenario>> _scenarios = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<RecordedRequest>> _requests = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _aborted = new();
    private readonly WebApplication _app;

    public FixtureServer()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Urls.Single();
        BaseUri = new Uri(address);
    }

    public Uri BaseUri { get; }

    /// <summary>Registers answers for the next requests under a fresh prefix and returns its base URL.</summary>
    internal Uri Serve(params Scenario[] answers)
    {
        string id = Guid.NewGuid().ToString("N");
        _scenarios[id] = new Queue<Scenario>(answers);
        _requests[id] = new ConcurrentQueue<RecordedRequest>();
        _aborted[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return new Uri(BaseUri, $"/{id}/");
    }

    internal IReadOnlyList<RecordedRequest> Requests(Uri prefix) => [.. _requests[Id(prefix)]];

    /// <summary>Completes when a held response's request was aborted by the client.</summary>
    internal Task Aborted(Uri prefix) => _aborted[Id(prefix)].Task;

    private static string Id(Uri prefix) => prefix.AbsolutePath.Trim('/').Split('/')[0];

    private async Task HandleAsync(HttpContext context)
    {
        string[] segments = context.Request.Path.Value!.Trim('/').Split('/', 2);
        if (!_scenarios.TryGetValue(segments[0], out Queue<Scenario>? queue))
        {
            context.Response.StatusCode = 404;
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        string body = await reader.ReadToEndAsync();
        _requests[segments[0]].Enqueue(new RecordedRequest(
            "/" + (segments.Length > 1 ? segments[1] : string.Empty),
            context.Request.QueryString.Value ?? string.Empty,
            body,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));

        Scenario scenario;
        lock (queue)
        {
            scenario = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
        }

        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.StatusCode = scenario.Status;
        context.Response.ContentType = scenario.ContentType;
        foreach ((string name, string value) in scenario.Headers)
        {
            context.Response.Headers[name] = value;
        }

        int length = Math.Min(scenario.Body.Length, scenario.CutAt ?? int.MaxValue);
        try
        {
            for (int offset = 0; offset < length; offset += scenario.ChunkSize)
            {
                int count = Math.Min(scenario.ChunkSize, length - offset);
                await context.Response.Body.WriteAsync(scenario.Body.AsMemory(offset, count), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                if (scenario.Pace > TimeSpan.Zero)
                {
                    await Task.Delay(scenario.Pace, context.RequestAborted);
                }
            }

            if (scenario.Hold)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            _aborted[segments[0]].TrySetResult();
            return;
        }

        if (scenario.Reset)
        {
            context.Abort();
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>Finds the shared fixtures: <c>../shared/fixtures</c> from the repository, or <c>CHATSTREAMS_FIXTURES</c>.</summary>
internal static class Fixtures
{
    public static string Directory { get; } = Locate();

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    public static System.Text.Json.JsonElement Expected(string name) =>
        System.Text.Json.JsonElement.Parse(File.ReadAllText(Path.Combine(Directory, "expected", Path.ChangeExtension(name, ".json"))));

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("CHATSTREAMS_FIXTURES") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "..", "shared", "fixtures");
            if (File.Exists(Path.Combine(candidate, "INDEX.md")))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new InvalidOperationException("The shared fixtures were not found: expected ../shared/fixtures next to the repository, or set CHATSTREAMS_FIXTURES.");
    }
}
