using System.Diagnostics;
using System.Text.Json;

namespace ChatStreams.Cli.Tests;

/// <summary>The <c>chatstream</c> command end to end, as a process.</summary>
public class ChatstreamCommandTests
{
    private static async Task<AIMessage> Reassemble(IEnumerable<string> jsonLines)
    {
        var stream = new ChatModelStream();
        foreach (string line in jsonLines)
        {
            stream.Dispatch(ProtocolJson.Deserialize(line));
        }

        return await stream.GetMessageAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Demo_StreamsAnAnswer_AndSaysItIsADemo()
    {
        CliResult result = await CliProcess.RunAsync("--pace", "0", "What is ChatStreams?");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ChatStreams demo model", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("What is ChatStreams?", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("demo model: offline", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("finish: stop", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_PromptOnStdin_IsRead()
    {
        CliResult result = await CliProcess.RunWithInputAsync("tell me something\n", "--provider", "demo", "--pace", "0");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("tell me something", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_EveryStdoutLineIsAProtocolEvent_FromStartToFinish()
    {
        CliResult result = await CliProcess.RunAsync("--json", "--pace", "0", "hello");

        Assert.Equal(0, result.ExitCode);
        StreamEvent[] events = [.. result.StdoutLines.Select(ProtocolJson.Deserialize)];
        Assert.IsType<MessageStartEvent>(events[0]);
        Assert.IsType<MessageFinishEvent>(events[^1]);
        AIMessage message = await Reassemble(result.StdoutLines);
        Assert.StartsWith("This is the ChatStreams demo model", message.Text, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(message.Reasoning));
        Assert.NotNull(message.UsageMetadata);
        Assert.Contains("demo", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_WeatherPrompt_StreamsAToolCall()
    {
        CliResult result = await CliProcess.RunAsync("--json", "--pace", "0", "What's the weather in Oslo?");

        AIMessage message = await Reassemble(result.StdoutLines);
        ToolCallBlock call = Assert.Single(message.ToolCalls);
        Assert.Equal(("get_weather", "Oslo"), (call.Name, call.Args.GetProperty("city").GetString()));
        Assert.Equal("tool_calls", message.FinishReason);
        Assert.True(result.StdoutLines.Count(l => l.Contains("tool-call-delta", StringComparison.Ordinal)) > 1, "arguments stream in fragments");
    }

    [Fact]
    public async Task DemoDeltas_MakesExactlyThatManyTextDeltas()
    {
        CliResult result = await CliProcess.RunAsync("--json", "--pace", "0", "--demo-deltas", "17", "hi");

        Assert.Equal(17, result.StdoutLines.Count(l => l.Contains("\"text-delta\"", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("openai-chat-parallel-tools.sse", "openai-chat")]
    [InlineData("openai-responses-reasoning-tool.sse", "openai-responses")]
    [InlineData("anthropic-thinking-text.sse", "anthropic")]
    [InlineData("gemini-thought-function.sse", "gemini")]
    [InlineData("ollama-chat-thinking-tools.ndjson", "ollama")]
    public async Task Replay_Fixture_GivesItsExpectedTextAndToolCalls(string fixture, string format)
    {
        CliResult result = await CliProcess.RunAsync("replay", CliProcess.Fixture(fixture), "--format", format, "--json");

        Assert.Equal(0, result.ExitCode);
        AIMessage message = await Reassemble(result.StdoutLines);
        JsonElement expected = JsonElement.Parse(File.ReadAllText(CliProcess.Fixture(Path.Combine("expected", Path.ChangeExtension(fixture, ".json")))));
        Assert.Equal(expected.GetProperty("text").GetString(), message.Text);
        Assert.Equal(expected.GetProperty("reasoning").GetString(), message.Reasoning);
        Assert.Equal(
            expected.GetProperty("tool_calls").EnumerateArray().Select(c => c.GetProperty("name").GetString()),
            message.ToolCalls.Select(c => c.Name));
    }

    [Fact]
    public async Task Replay_Interactive_ShowsTextAndToolCalls()
    {
        CliResult result = await CliProcess.RunAsync("replay", CliProcess.Fixture("openrouter-chat-text-tool.sse"), "--format", "openai-chat");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Today's date is November 10, 2023.", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("get_weather {\"city\":\"Shanghai\"", result.Stdout.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("finish: tool_calls", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingProvider_OneErrorLine_ErrorEventOnStdout_Exit1()
    {
        CliResult result = await CliProcess.RunAsync("replay", CliProcess.Fixture("anthropic-error-overloaded.sse"), "--format", "anthropic", "--json");

        Assert.Equal(1, result.ExitCode);
        JsonElement last = JsonElement.Parse(result.StdoutLines[^1]);
        Assert.Equal(("error", "overloaded_error"), (last.GetProperty("event").GetString(), last.GetProperty("code").GetString()));
        Assert.Equal("error: The anthropic stream reported an error: Overloaded", Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task TruncatedCapture_FailsCleanly_Exit1()
    {
        string cut = Path.GetTempFileName();
        string body = File.ReadAllText(CliProcess.Fixture("openai-chat-text-usage.sse"));
        File.WriteAllText(cut, body[..body.IndexOf("data: [DONE]", StringComparison.Ordinal)]);

        CliResult result = await CliProcess.RunAsync("replay", cut, "--format", "openai-chat");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ended before its terminal event", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        File.Delete(cut);
    }

    [Theory]
    [InlineData("--provider", "nope", "x")]
    [InlineData("--max-tokens", "many", "x")]
    [InlineData("replay", "/no/such/file.sse", "--format", "anthropic")]
    [InlineData("replay", "x.sse")]
    [InlineData("--provider", "openai", "x")]
    public async Task UsageErrors_Exit2_WithAClearLine(params string[] args)
    {
        CliResult result = await CliProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error:", result.StderrLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingPrompt_Exit2()
    {
        CliResult result = await CliProcess.RunWithInputAsync(string.Empty, "--provider", "demo");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task CtrlC_ClosesTheStream_KeepsWhatWasPrinted_Exit130()
    {
        using Process process = CliProcess.Start(["--pace", "100", "--json", "a long answer please"]);
        string first = (await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)))!;
        Assert.Contains("message-start", first, StringComparison.Ordinal);
        await Task.Delay(300);

        using (Process kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        CliResult result = await CliProcess.WaitAsync(process);
        Assert.Equal(130, result.ExitCode);
        JsonElement last = JsonElement.Parse(result.StdoutLines[^1]);
        Assert.Equal("cancelled", last.GetProperty("code").GetString());
        Assert.Contains(result.StdoutLines, l => l.Contains("reasoning-delta", StringComparison.Ordinal));
    }
}
