using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace ChatStreams.Cli;

/// <summary><c>chatstream replay</c>: a captured body through a provider's real HTTP path and parser.</summary>
internal static class ReplayCommand
{
    /// <summary>The formats <c>--format</c> accepts.</summary>
    public static readonly string[] Formats = ["openai-chat", "openai-responses", "anthropic", "gemini", "ollama"];

    /// <summary>Serves the file on loopback and streams it through the model of its format.</summary>
    /// <param name="file">The captured body.</param>
    /// <param name="format">Its format.</param>
    /// <param name="pace">The delay between events.</param>
    /// <param name="renderer">The renderer.</param>
    /// <param name="verbose">Whether failures show detail.</param>
    /// <param name="interrupt">Fires on Ctrl+C.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(FileInfo file, string format, TimeSpan pace, IStreamRenderer renderer, bool verbose, CancellationToken interrupt)
    {
        byte[] body = await File.ReadAllBytesAsync(file.FullName, interrupt).ConfigureAwait(false);
        string contentType = format == "ollama" ? "application/x-ndjson" : "text/event-stream";
        ReplayServer server = await ReplayServer.StartAsync(body, contentType, pace).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable serverScope = server.ConfigureAwait(false);
        Uri v1 = new(server.Address, "v1");
        ChatModel model = format switch
        {
            "openai-chat" => new OpenAIChatModel(new OpenAIChatModelOptions { Model = "replay", Endpoint = v1, MaxRetries = 0 }),
            "openai-responses" => new OpenAIResponsesChatModel(new OpenAIResponsesChatModelOptions { Model = "replay", Endpoint = v1, MaxRetries = 0 }),
            "anthropic" => new AnthropicChatModel(new AnthropicChatModelOptions { Model = "replay", Endpoint = server.Address, MaxRetries = 0 }),
            "gemini" => new GeminiChatModel(new GeminiChatModelOptions { Model = "replay", Endpoint = server.Address, MaxRetries = 0 }),
            _ => new OllamaChatModel(new OllamaChatModelOptions { Model = "replay", Endpoint = server.Address, MaxRetries = 0 }),
        };
        return await StreamRunner.RunAsync(model, [new ChatMessage(ChatRole.User, "replay")], new ChatOptions(), renderer, verbose, interrupt).ConfigureAwait(false);
    }
}
