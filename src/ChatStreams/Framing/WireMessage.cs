using System.Text.Json;

namespace ChatStreams;

/// <summary>One framed payload of a provider's body: its SSE event name and its JSON, or the <c>[DONE]</c> sentinel.</summary>
/// <param name="EventType">The SSE <c>event:</c> name (<c>message</c> when absent; NDJSON lines have none).</param>
/// <param name="Json">The payload; default for the sentinel and for empty events.</param>
/// <param name="IsDone">Whether the payload was <c>[DONE]</c>.</param>
internal readonly record struct WireMessage(string EventType, JsonElement Json, bool IsDone)
{
    /// <summary>Gets a value indicating whether the payload carries JSON.</summary>
    public bool HasJson => Json.ValueKind != JsonValueKind.Undefined;
}
