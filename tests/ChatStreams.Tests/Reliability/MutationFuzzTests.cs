using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CsCheck;

namespace ChatStreams.Tests.Reliability;

/// <summary>
/// Mutation fuzzing of the framing layer and every translator, seeded from the shared fixtures: whatever the bytes,
/// a run ends within its bound with a message or a documented exception, never another type, never a hang.
/// </summary>
/// <remarks>
/// CI runs a fixed set of seeds (deterministic) plus a bounded CsCheck exploration; set
/// <c>CHATSTREAMS_FUZZ_ITERATIONS</c> (for example 20000) for a longer local run: a failure prints the seed that
/// reproduces it.
/// </remarks>
[Collection("UnobservedFailureTests")]
public class MutationFuzzTests
{
    private static readonly string[] s_fixtures =
        [.. Directory.GetFiles(Providers.Fixtures.Directory).Select(Path.GetFileName).Where(f => f!.EndsWith(".sse", StringComparison.Ordinal) || f.EndsWith(".ndjson", StringComparison.Ordinal))!];

    private static readonly byte[][] s_bodies = [.. s_fixtures.Select(Providers.Fixtures.Bytes)];

    /// <summary>Answers every request with the given body, from memory (fuzzing needs speed more than sockets).</summary>
    private sealed class BodyHandler(byte[] body, string mediaType) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }
    }

    private static ChatModel ModelFor(string fixture, HttpClient http)
    {
        var v1 = new Uri("http://fuzz.test/v1");
        var host = new Uri("http://fuzz.test/");
        return fixture switch
        {
            _ when fixture.StartsWith("anthropic", StringComparison.Ordinal) => new AnthropicChatModel(new() { Model = "m", Endpoint = host, HttpClient = http, MaxRetries = 0, MaxEventSize = 64 * 1024 }),
            _ when fixture.StartsWith("gemini", StringComparison.Ordinal) => new GeminiChatModel(new() { Model = "m", Endpoint = host, HttpClient = http, MaxRetries = 0, MaxEventSize = 64 * 1024 }),
            _ when fixture.StartsWith("ollama", StringComparison.Ordinal) => new OllamaChatModel(new() { Model = "m", Endpoint = host, HttpClient = http, MaxRetries = 0, MaxEventSize = 64 * 1024 }),
            _ when fixture.Contains("responses", StringComparison.Ordinal) => new OpenAIResponsesChatModel(new() { Model = "m", Endpoint = v1, HttpClient = http, MaxRetries = 0, MaxEventSize = 64 * 1024 }),
            _ => new OpenAIChatModel(new() { Model = "m", Endpoint = v1, HttpClient = http, MaxRetries = 0, MaxEventSize = 64 * 1024 }),
        };
    }

    /// <summary>Applies a few random mutations: truncation, byte flips, deletions, duplications, hostile insertions.</summary>
    internal static byte[] Mutate(byte[] body, Random random)
    {
        var bytes = new List<byte>(body);
        int mutations = random.Next(1, 4);
        for (int m = 0; m < mutations && bytes.Count > 0; m++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 200), bytes.Count - at));
                    break;
                case 3:
                    int length = Math.Min(random.Next(1, 400), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 4:
                    string[] hostile = ["\n\n", "\r", "data: ", "{", "}", "\"", "data: [DONE]\n\n", ":\n", "\u0000", "data: {\"error\":{\"message\":\"x\"}}\n\n"];
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(hostile[random.Next(hostile.Length)]));
                    break;
                default:
                    bytes.InsertRange(at, [0xC3, 0x28, 0xFF]);
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>Runs one mutated body through its provider; only a message or a ChatModelException may come out, in time.</summary>
    private static async Task AssertSurvivesAsync(int fixture, int seed)
    {
        string name = s_fixtures[fixture];
        byte[] body = Mutate(s_bodies[fixture], new Random(seed));
        using var http = new HttpClient(new BodyHandler(body, name.EndsWith(".ndjson", StringComparison.Ordinal) ? "application/x-ndjson" : "text/event-stream"));
        ChatModelStream stream = ModelFor(name, http).Stream(Prompt.Hi);
        Task<AIMessage> run = stream.GetMessageAsync();
        if (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10))) != run)
        {
            throw new TimeoutException($"{name} seed {seed}: the run did not end within 10 s");
        }

        if (run.Exception?.InnerException is { } error && error is not ChatModelException)
        {
            throw new InvalidOperationException($"{name} seed {seed}: undocumented {error.GetType().Name}: {error.Message}", error);
        }

        // Whatever happened, the snapshot is still readable and consistent.
        _ = stream.Snapshot();
        Assert.True(stream.IsDone);
    }

    [Fact]
    public async Task FixedSeeds_EveryFixture_OnlyDocumentedOutcomes()
    {
        for (int fixture = 0; fixture < s_fixtures.Length; fixture++)
        {
            for (int seed = 0; seed < 40; seed++)
            {
                await AssertSurvivesAsync(fixture, seed);
            }
        }
    }

    [Fact]
    public async Task Exploration_CsCheck_OnlyDocumentedOutcomes()
    {
        long iterations = long.TryParse(Environment.GetEnvironmentVariable("CHATSTREAMS_FUZZ_ITERATIONS"), out long configured) ? configured : 300;
        await Gen.Select(Gen.Int[0, s_fixtures.Length - 1], Gen.Int).SampleAsync(
            async (fixture, seed) => await AssertSurvivesAsync(fixture, seed),
            iter: iterations,
            threads: 1);
    }

    [Fact]
    public async Task Framing_MutatedBodies_OnlyInvalidDataOrJsonExceptions()
    {
        var limits = new FramingLimits(MaxLineSize: 4096, MaxEventSize: 8192);
        await Gen.Select(Gen.Int[0, s_fixtures.Length - 1], Gen.Int, Gen.Int[1, 64]).SampleAsync(
            async (fixture, seed, chunk) =>
            {
                byte[] body = Mutate(s_bodies[fixture], new Random(seed));
                bool ndjson = s_fixtures[fixture].EndsWith(".ndjson", StringComparison.Ordinal);
                try
                {
                    IAsyncEnumerable<WireMessage> messages = ndjson
                        ? WireReader.ReadNdjsonAsync(new Framing.TrickleStream(body, chunk), limits, default)
                        : WireReader.ReadSseAsync(new Framing.TrickleStream(body, chunk), limits, default);
                    await foreach (WireMessage message in messages)
                    {
                        if (message.HasJson)
                        {
                            _ = message.Json.ValueKind;
                        }

                        message.Release();
                    }
                }
                catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException)
                {
                }
            },
            iter: 300,
            threads: 1);
    }
}
