namespace ChatStreams.Benchmarks;

/// <summary>Runs every end-to-end method once per configuration and prints what each assembled, so a benchmark never measures a broken path.</summary>
internal static class Checks
{
    public static async Task RunAsync()
    {
        foreach (string transcript in (string[])["text", "tools"])
        {
            foreach (Transport transport in Enum.GetValues<Transport>())
            {
                var bench = new OpenAIChatEndToEndBenchmark { Transcript = transcript, Transport = transport };
                bench.Setup();
                Console.WriteLine($"openai {transcript} {transport}: raw={await bench.RawSse()} chatstreams={await bench.ChatStreams()} sdk={await bench.OpenAISdk()} meai={await bench.ExtensionsAI()}");
                await bench.Cleanup();
            }
        }

        foreach (Transport transport in Enum.GetValues<Transport>())
        {
            var bench = new AnthropicEndToEndBenchmark { Transport = transport };
            bench.Setup();
            Console.WriteLine($"anthropic {transport}: raw={await bench.RawSse()} chatstreams={await bench.ChatStreams()} meai={await bench.ExtensionsAI()}");
            await bench.Cleanup();
        }
    }
}
