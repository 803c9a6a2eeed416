using System.Text;

namespace ChatStreams.Tests.Reliability;

/// <summary>An API key never appears in an exception's message or <c>ToString()</c>, nor in options' <c>ToString()</c>, for every provider.</summary>
public sealed class SecretTests(Providers.FixtureServer server) : IClassFixture<Providers.FixtureServer>
{
    private const string Key = "sk-proj-Abc123SECRETKEYvalue0987654321";

    public static TheoryData<string> ProviderNames() => ["openai", "openai-responses", "anthropic", "gemini", "ollama"];

    private static (ChatModel Model, object Options) Create(string provider, Uri prefix) => provider switch
    {
        "openai" => Make(new OpenAIChatModelOptions { Model = "m", ApiKey = Key, Endpoint = new Uri(prefix, "v1"), MaxRetries = 0 }, o => new OpenAIChatModel(o)),
        "openai-responses" => Make(new OpenAIResponsesChatModelOptions { Model = "m", ApiKey = Key, Endpoint = new Uri(prefix, "v1"), MaxRetries = 0 }, o => new OpenAIResponsesChatModel(o)),
        "anthropic" => Make(new AnthropicChatModelOptions { Model = "m", ApiKey = Key, Endpoint = prefix, MaxRetries = 0 }, o => new AnthropicChatModel(o)),
        "gemini" => Make(new GeminiChatModelOptions { Model = "m", ApiKey = Key, Endpoint = prefix, MaxRetries = 0 }, o => new GeminiChatModel(o)),
        _ => Make(new OllamaChatModelOptions { Model = "m", ApiKey = Key, Endpoint = prefix, MaxRetries = 0 }, o => new OllamaChatModel(o)),
    };

    private static (ChatModel, object) Make<T>(T options, Func<T, ChatModel> create) where T : notnull => (create(options), options);

    [Theory]
    [MemberData(nameof(ProviderNames))]
    public async Task HttpErrorQuotingTheKey_IsRedacted(string provider)
    {
        string body = $"{{\"error\":{{\"message\":\"Invalid key {Key} (starts {Key[..16]})\",\"type\":\"authentication_error\",\"code\":\"401\"}}}}";
        Uri prefix = server.Serve(new Providers.Scenario(Encoding.UTF8.GetBytes(body), "application/json") { Status = 401 });
        (ChatModel model, object options) = Create(provider, prefix);

        var error = await Assert.ThrowsAsync<ChatModelException>(() => model.InvokeAsync(Prompt.Hi).Within());

        AssertNoKey(error.ToString());
        AssertNoKey(error.Message);
        AssertNoKey(options.ToString()!);
        Assert.Contains("Invalid key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ProviderNames))]
    public async Task PlainTextErrorQuotingTheKey_IsRedacted(string provider)
    {
        Uri prefix = server.Serve(new Providers.Scenario(Encoding.UTF8.GetBytes($"upstream rejected key={Key}"), "text/plain") { Status = 403 });
        (ChatModel model, _) = Create(provider, prefix);

        var error = await Assert.ThrowsAsync<ChatModelException>(() => model.InvokeAsync(Prompt.Hi).Within());

        AssertNoKey(error.ToString());
        Assert.Contains("upstream rejected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MidStreamErrorQuotingTheKey_IsRedacted()
    {
        string body = $"event: error\ndata: {{\"type\":\"error\",\"error\":{{\"type\":\"invalid_request_error\",\"message\":\"bad key {Key}\"}}}}\n\n";
        Uri prefix = server.Serve(new Providers.Scenario(Encoding.UTF8.GetBytes(body)));
        (ChatModel model, _) = Create("anthropic", prefix);

        var error = await Assert.ThrowsAsync<ChatModelException>(() => model.InvokeAsync(Prompt.Hi).Within());

        AssertNoKey(error.ToString());
    }

    private static void AssertNoKey(string text)
    {
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Key[..16], text, StringComparison.Ordinal);
    }
}
