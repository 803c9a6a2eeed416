using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Spectre.Console;

namespace ChatStreams.Cli;

/// <summary>The commands, their options, and how they run (DESIGN 3.6).</summary>
internal static class CommandLine
{
    /// <summary>Parses and runs the command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdout">Standard output: the answer, or protocol events with <c>--json</c>.</param>
    /// <param name="stderr">Standard error: labels, summaries and errors.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="interrupt">Fires on Ctrl+C.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken interrupt)
    {
        var provider = new Option<string?>("--provider") { Description = "openai, openai-responses, anthropic, ollama, gemini or demo; by default the first whose key is set, else demo" };
        provider.AcceptOnlyFromAmong(ModelFactory.Providers);
        var model = new Option<string?>("--model") { Description = "The model; each provider has a default" };
        var baseUrl = new Option<string?>("--base-url") { Description = "The provider's base URL (OpenAI-compatible servers, proxies)" };
        var system = new Option<string?>("--system") { Description = "A system prompt" };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "The most tokens to generate" };
        var temperature = new Option<float?>("--temperature") { Description = "The sampling temperature" };
        var noReasoning = new Option<bool>("--no-reasoning") { Description = "Hide reasoning (and ask the provider not to return it)" };
        var json = new Option<bool>("--json") { Description = "Write protocol events to stdout, one JSON object per line" };
        var verbose = new Option<bool>("--verbose") { Description = "Show error details" };
        var pace = new Option<int?>("--pace") { Description = "Milliseconds between deltas (demo) or events (replay)" };
        var demoDeltas = new Option<int?>("--demo-deltas") { Description = "Make the demo answer exactly N text deltas" };
        var prompt = new Argument<string?>("prompt") { Arity = ArgumentArity.ZeroOrOne, Description = "The prompt; read from stdin when omitted" };

        var root = new RootCommand("Streams one answer from an LLM: reasoning, text and tool calls as they arrive.")
        {
            provider, model, baseUrl, system, maxTokens, temperature, noReasoning, json, verbose, pace, demoDeltas, prompt,
        };
        root.SetAction(async (result, _) =>
        {
            string? text = result.GetValue(prompt);
            if (string.IsNullOrWhiteSpace(text) && Console.IsInputRedirected)
            {
                text = await Console.In.ReadToEndAsync(interrupt).ConfigureAwait(false);
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                throw new UsageException("give a prompt as an argument or on stdin");
            }

            var settings = new ModelSettings(
                result.GetValue(provider) ?? ModelFactory.Detect(environment),
                result.GetValue(model),
                result.GetValue(baseUrl),
                result.GetValue(noReasoning),
                result.GetValue(pace) is { } ms ? TimeSpan.FromMilliseconds(Math.Max(0, ms)) : null,
                result.GetValue(demoDeltas));
            var messages = new List<ChatMessage>();
            if (result.GetValue(system) is { Length: > 0 } systemPrompt)
            {
                messages.Add(new ChatMessage(ChatRole.System, systemPrompt));
            }

            messages.Add(new ChatMessage(ChatRole.User, text.Trim()));
            var options = new ChatOptions { MaxOutputTokens = result.GetValue(maxTokens), Temperature = result.GetValue(temperature) };
            ChatModel chatModel = ModelFactory.Create(settings, environment);
            bool asJson = result.GetValue(json);
            if (settings.Provider == "demo")
            {
                stderr.WriteLine("chatstream demo model: offline and scripted, no real model answers (set OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY or OLLAMA_HOST).");
            }

            return await StreamRunner.RunAsync(chatModel, messages, options, Renderer(asJson, !settings.NoReasoning, stdout, stderr), result.GetValue(verbose), interrupt).ConfigureAwait(false);
        });

        var file = new Argument<FileInfo>("file") { Description = "A captured response body (SSE or NDJSON)" };
        var format = new Option<string>("--format") { Description = "openai-chat, openai-responses, anthropic, gemini or ollama", Required = true };
        format.AcceptOnlyFromAmong(ReplayCommand.Formats);
        var replay = new Command("replay", "Serves a captured response body on loopback and runs it through that provider's real model.")
        {
            file, format, json, pace, verbose, noReasoning,
        };
        replay.SetAction(async (result, _) =>
        {
            FileInfo path = result.GetRequiredValue(file);
            if (!path.Exists)
            {
                throw new UsageException($"no such file: {path.FullName}");
            }

            bool asJson = result.GetValue(json);
            IStreamRenderer renderer = Renderer(asJson, !result.GetValue(noReasoning), stdout, stderr);
            TimeSpan delay = TimeSpan.FromMilliseconds(Math.Max(0, result.GetValue(pace) ?? 0));
            return await ReplayCommand.RunAsync(path, result.GetRequiredValue(format), delay, renderer, result.GetValue(verbose), interrupt).ConfigureAwait(false);
        });
        root.Subcommands.Add(replay);

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parsed.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }

            stderr.WriteLine("Run 'chatstream --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }, interrupt).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
    }

    /// <summary>Chooses the renderer: protocol JSON, plain text for pipes, or the interactive terminal.</summary>
    private static IStreamRenderer Renderer(bool json, bool showReasoning, TextWriter stdout, TextWriter stderr)
    {
        if (json)
        {
            return new JsonRenderer(stdout, stderr);
        }

        if (Console.IsOutputRedirected || !ReferenceEquals(stdout, Console.Out))
        {
            return new PlainRenderer(stdout, stderr, showReasoning);
        }

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
        return new TerminalRenderer(console, stderr, showReasoning);
    }
}
