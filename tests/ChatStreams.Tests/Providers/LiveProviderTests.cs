namespace ChatStreams.Tests.Providers;

/// <summary>A fact that runs only when an environment variable is set (a live provider's key or host).</summary>
public sealed class LiveFactAttribute : FactAttribute
{
    public LiveFactAttribute(string variable)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
        {
            Skip = $"live provider test: set the environment variable {variable} to run it";
        }
    }
}

/// <summary>Smoke tests against the real providers; each runs only when its key (or host) variable is set.</summary>
public class LiveProviderTests
{
    private static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;

    private static async Task AssertAnswers(ChatModel model)
    {
        await using ChatModelStream stream = model.Stream([new(Microsoft.Extensions.AI.ChatRole.User, "Reply with the single word: pong")]);
        AIMessage message = await stream.GetMessageAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Contains("pong", message.Text, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(message.UsageMetadata?.OutputTokens);
        Assert.Equal("stop", message.FinishReason);
    }

    [LiveFact("OPENAI_API_KEY")]
    public Task OpenAIChat_Live() => AssertAnswers(new OpenAIChatModel(new() { Model = Env("OPENAI_MODEL", "gpt-4o-mini"), ApiKey = Env("OPENAI_API_KEY", "") }));

    [LiveFact("OPENAI_API_KEY")]
    public Task OpenAIResponses_Live() => AssertAnswers(new OpenAIResponsesChatModel(new() { Model = Env("OPENAI_MODEL", "gpt-4o-mini"), ApiKey = Env("OPENAI_API_KEY", "") }));

    [LiveFact("ANTHROPIC_API_KEY")]
    public Task Anthropic_Live() => AssertAnswers(new AnthropicChatModel(new() { Model = Env("ANTHROPIC_MODEL", "claude-haiku-4-5"), ApiKey = Env("ANTHROPIC_API_KEY", "") }));

    [LiveFact("GEMINI_API_KEY")]
    public Task Gemini_Live() => AssertAnswers(new GeminiChatModel(new() { Model = Env("GEMINI_MODEL", "gemini-2.5-flash"), ApiKey = Env("GEMINI_API_KEY", "") }));

    [LiveFact("OLLAMA_HOST")]
    public Task Ollama_Live() => AssertAnswers(new OllamaChatModel(new() { Model = Env("OLLAMA_MODEL", "llama3.2"), Endpoint = OllamaHost() }));

    /// <summary>Reads OLLAMA_HOST, which Ollama users often set without a scheme.</summary>
    private static Uri OllamaHost() => Env("OLLAMA_HOST", "127.0.0.1:11434") is var host && host.Contains("://", StringComparison.Ordinal) ? new Uri(host) : new Uri("http://" + host);
}
