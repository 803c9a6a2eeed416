using System.Text.Json;

namespace ChatStreams;

/// <summary>
/// Represents an event whose <c>event</c> value this version does not know. It is recorded and replayed
/// verbatim and otherwise ignored.
/// </summary>
/// <param name="Name">The <c>event</c> value.</param>
/// <param name="Json">The whole event object as it arrived.</param>
public sealed record UnknownEvent(string Name, JsonElement Json) : StreamEvent
{
    /// <inheritdoc/>
    public override string EventType => Name;
}
