using System;
using System.Collections.Generic;

namespace ChatStreams.Cli;

/// <summary>Builds the model the command line asks for, or the one the environment offers.</summary>
internal static class ModelFactory
{
    /// <summary>The providers <c>--provider</c> accepts.</summary>
    public static readonly string[] Providers = ["openai", "openai-responses", "anthropic", "ollama", "gemini", "demo"];

    /// <summary>Chooses a provider: the first of <c>OPENAI_API_KEY</c>, <c>ANTHROPIC_API_KEY</c>, <c>GEMINI_API_KEY</c>, <c>OLLAMA_HOST</c> that is set, else the demo.</summary>
    /// <param name="environment">Reads an environment variable.</param>
    /// <returns>The provider.</returns>
    public static string Detect(Func<string, string?> environment) =>
        !string.IsNullOrEmpty(environment("OPENAI_API_KEY")) ? "openai"
        : !string.IsNullOrEmpty(environment("ANTHROPIC_API_KEY")) ? "anthropic"
        : !string.IsNullOrEmpty(environment("GEMINI_API_KEY")) ? "gemini"
        : !string.IsNullOrEmpty(environment("OLLAMA_HOST")) ? "ollama"
        : "demo";

    /// <summary>Creates the model.</summary>
    /// <param name="settings">What the command line said.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <returns>The model.</returns>
    /// <exception cref="UsageException">A key the provider needs is missing, or an option is invalid.</exception>
    public static ChatModel Create(ModelSettings settings, Func<string, string?> environment)
    {
        Uri? endpoint = settings.BaseUrl is null ? null : ParseUrl(settings.BaseUrl);
        return settings.Provider switch
        {
            "demo" => new DemoChatModel(settings.Pace ?? TimeSpan.FromMilliseconds(25), settings.DemoDeltas),
            "openai" => new OpenAIChatModel(new OpenAIChatModelOptions
            {
                Model = settings.Model ?? "gpt-4o-mini",
                ApiKey = Key(environment, "OPENAI_API_KEY", endpoint),
                Endpoint = endpoint,
            }),
            "openai-responses" => new OpenAIResponsesChatModel(new OpenAIResponsesChatModelOptions
            {
                Model = settings.Model ?? "gpt-4o-mini",
                ApiKey = Key(environment, "OPENAI_API_KEY", endpoint),
                Endpoint = endpoint,
                ReasoningSummary = settings.NoReasoning ? null : "auto",
            }),
            "anthropic" => new AnthropicChatModel(new AnthropicChatModelOptions
            {
                Model = settings.Model ?? "claude-sonnet-4-5",
                ApiKey = Key(environment, "ANTHROPIC_API_KEY", endpoint),
                Endpoint = endpoint,
            }),
            "gemini" => new GeminiChatModel(new GeminiChatModelOptions
            {
                Model = settings.Model ?? "gemini-2.5-flash",
                ApiKey = Key(environment, "GEMINI_API_KEY", endpoint),
                Endpoint = endpoint,
                IncludeThoughts = !settings.NoReasoning,
            }),
            "ollama" => new OllamaChatModel(new OllamaChatModelOptions
            {
                Model = settings.Model ?? "llama3.2",
                Endpoint = endpoint ?? OllamaHost(environment("OLLAMA_HOST")),
                Think = settings.NoReasoning ? false : null,
            }),
            _ => throw new UsageException($"unknown provider '{settings.Provider}'; use one of {string.Join(", ", Providers)}"),
        };
    }

    /// <summary>Reads a key; a custom base URL may need none (local servers).</summary>
    private static string? Key(Func<string, string?> environment, string variable, Uri? endpoint) =>
        environment(variable) is { Length: > 0 } key ? key
        : endpoint is not null ? null
        : throw new UsageException($"set {variable} to use this provider (or pass --base-url for a server that needs no key)");

    /// <summary>Parses an absolute http(s) URL.</summary>
    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new UsageException($"--base-url must be an absolute http(s) URL, not '{text}'");

    /// <summary>Reads <c>OLLAMA_HOST</c>, which is often set without a scheme.</summary>
    private static Uri? OllamaHost(string? host) =>
        string.IsNullOrEmpty(host) ? null : ParseUrl(host.Contains("://", StringComparison.Ordinal) ? host : "http://" + host);
}

/// <summary>What the command line says about the model.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="Model">The model, or <see langword="null"/> for the provider's default.</param>
/// <param name="BaseUrl">The base URL, if given.</param>
/// <param name="NoReasoning">Whether reasoning is off.</param>
/// <param name="Pace">The demo's delay between deltas, if given.</param>
/// <param name="DemoDeltas">The demo's exact number of text deltas, if given.</param>
internal sealed record ModelSettings(string Provider, string? Model, string? BaseUrl, bool NoReasoning, TimeSpan? Pace, int? DemoDeltas);

/// <summary>A command-line mistake: exit code 2 with one line on stderr.</summary>
/// <param name="message">What was wrong.</param>
internal sealed class UsageException(string message) : Exception(message);
