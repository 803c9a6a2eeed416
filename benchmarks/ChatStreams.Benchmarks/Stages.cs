using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace ChatStreams.Benchmarks;

/// <summary>Times each stage of the OpenAI path on the 10,000-delta transcript, to show where the time goes.</summary>
internal static class Stages
{
    public static async Task RunAsync()
    {
        byte[] body = Transcripts.OpenAIChatText(10_000);
        var limits = new FramingLimits(FramingLimits.DefaultSize, FramingLimits.DefaultSize);
        using var http = new HttpClient(new InMemoryHandler(body, "text/event-stream"));
        var model = new OpenAIChatModel(new OpenAIChatModelOptions { Model = "m", Endpoint = new Uri("http://in-memory.test/v1"), HttpClient = http });
        ChatMessage[] prompt = [new(ChatRole.User, "hi")];

        await Time("SseParser strings", async () =>
        {
            await foreach (var _ in System.Net.ServerSentEvents.SseParser.Create(new MemoryStream(body)).EnumerateAsync())
            {
            }
        });
        await Time("SseParser over LimitedSseStream, no parse", async () =>
        {
            await foreach (var _ in System.Net.ServerSentEvents.SseParser.Create(new LimitedSseStream(new MemoryStream(body), limits), static (t, d) => d.Length).EnumerateAsync())
            {
            }
        });
        await Time("SseParser + JsonElement.ParseValue", async () =>
        {
            await foreach (var _ in System.Net.ServerSentEvents.SseParser.Create(new MemoryStream(body), static (t, d) => { if (d[0] != (byte)'{') { return default; } var r = new System.Text.Json.Utf8JsonReader(d); return System.Text.Json.JsonElement.ParseValue(ref r); }).EnumerateAsync())
            {
            }
        });
        await Time("SseParser + JsonDocument.Parse/Dispose", async () =>
        {
            await foreach (var _ in System.Net.ServerSentEvents.SseParser.Create(new MemoryStream(body), static (t, d) => { if (d[0] != (byte)'{') { return default; } using var doc = System.Text.Json.JsonDocument.Parse(d.ToArray()); return doc.RootElement.ValueKind; }).EnumerateAsync())
            {
            }
        });
        await Time("framing + JSON", async () =>
        {
            await foreach (WireMessage message in WireReader.ReadSseAsync(new MemoryStream(body), limits, default))
            {
                message.Release();
            }
        });
        await Time("+ translator", async () =>
        {
            var translator = new OpenAIChatTranslator("openai", null);
            await foreach (WireMessage message in WireReader.ReadSseAsync(new MemoryStream(body), limits, default))
            {
                translator.Translate(message);
                translator.Output.Clear();
                message.Release();
            }
        });
        await Time("+ stream dispatch (no driver)", async () =>
        {
            var translator = new OpenAIChatTranslator("openai", null);
            var stream = new ChatModelStream();
            await foreach (WireMessage message in WireReader.ReadSseAsync(new MemoryStream(body), limits, default))
            {
                translator.Translate(message);
                foreach (StreamEvent e in translator.Output)
                {
                    stream.Dispatch(e);
                }

                translator.Output.Clear();
                message.Release();
            }
        });
        await Time("model.InvokeAsync", async () => await model.InvokeAsync(prompt));
    }

    private static async Task Time(string name, Func<Task> run)
    {
        for (int i = 0; i < 5; i++)
        {
            await run();
        }

        var stopwatch = Stopwatch.StartNew();
        const int Runs = 20;
        for (int i = 0; i < Runs; i++)
        {
            await run();
        }

        Console.WriteLine($"{name}: {stopwatch.Elapsed.TotalMilliseconds / Runs:0.00} ms");
    }
}
