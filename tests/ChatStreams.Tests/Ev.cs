using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatStreams.Tests;

/// <summary>Short constructors for protocol events, so tests read like the wire.</summary>
internal static class Ev
{
    public static MessageStartEvent Start(string? id = null, string? provider = null, string? model = null, UsageInfo? usage = null) =>
        new(id, provider is null && model is null ? null : new MessageMetadata { Provider = provider, Model = model }, usage);

    public static ContentBlockStartEvent BlockStart(int index, ContentBlock content) => new(index, content);

    public static ContentBlockDeltaEvent Text(int? index, string text) => new(index, new TextDelta(text));

    public static ContentBlockDeltaEvent Reasoning(int? index, string text) => new(index, new ReasoningDelta(text));

    public static ContentBlockDeltaEvent Args(int? index, string args) => new(index, new ToolCallDelta(args));

    public static ContentBlockDeltaEvent Snapshot(int? index, string json) => new(index, new BlockDelta(JsonNode.Parse(json)!.AsObject()));

    public static ContentBlockFinishEvent Finish(int? index, ContentBlock content) => new(index, content);

    public static MessageFinishEvent End(string? reason = "stop", UsageInfo? usage = null, string? metadataJson = null) =>
        new(usage, reason, metadataJson is null ? null : Json.Map(metadataJson));

    public static ToolCallBlock Call(string id, string name, string argsJson) => new(id, name, Json.Element(argsJson));
}

internal static class Prompt
{
    public static readonly Microsoft.Extensions.AI.ChatMessage[] Hi = [new(Microsoft.Extensions.AI.ChatRole.User, "hi")];
}

internal static class Json
{
    public static JsonElement Element(string json) => JsonElement.Parse(json);

    public static IReadOnlyDictionary<string, JsonElement> Map(string json) =>
        Element(json).EnumerateObject().ToDictionary(p => p.Name, p => p.Value);

    /// <summary>Whether two JSON texts are equivalent, key order and whitespace aside.</summary>
    public static bool Equivalent(string a, string b) => JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));

    public static void AssertEquivalent(string expected, string actual) =>
        Assert.True(Equivalent(expected, actual), $"Expected JSON equivalent to\n{expected}\nbut got\n{actual}");
}

/// <summary>Bounds every wait in a test, so a deadlock fails instead of hanging.</summary>
internal static class Bounded
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Timeout);

    public static Task Within(this Task task) => task.WaitAsync(Timeout);

    public static Task<AIMessage> GetMessageWithin(this ChatModelStream stream) => stream.GetMessageAsync().Within();

    public static Task<TFinal> Within<TDelta, TFinal>(this StreamProjection<TDelta, TFinal> projection) =>
        projection.GetValueAsync().Within();

    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source, CancellationToken cancellationToken = default)
    {
        var list = new List<T>();
        await foreach (T item in source.WithCancellation(cancellationToken))
        {
            list.Add(item);
        }

        return list;
    }

    public static Task<List<T>> CollectAsync<T>(this IAsyncEnumerable<T> source) => source.ToListAsync().Within();
}
