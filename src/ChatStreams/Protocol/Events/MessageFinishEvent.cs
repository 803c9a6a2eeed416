using System.Collections.Generic;
using System.Text.Json;

namespace ChatStreams;

/// <summary>Represents <c>message-finish</c>: the message completed successfully.</summary>
/// <param name="Usage">The message's usage, if reported.</param>
/// <param name="FinishReason">The normalized finish reason (<c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c>, …).</param>
/// <param name="Metadata">The provider's response metadata, raw finish reason included.</param>
public sealed record MessageFinishEvent(
    UsageInfo? Usage,
    string? FinishReason,
    IReadOnlyDictionary<string, JsonElement>? Metadata) : StreamEvent
{
    /// <inheritdoc/>
    public override string EventType => "message-finish";
}
