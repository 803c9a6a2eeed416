using System.Collections.Generic;
using System.Text.Json;

namespace ChatStreams;

/// <summary>
/// Represents one protocol event of a streaming message: the unit a <see cref="ChatModelStream"/> ingests,
/// records and replays.
/// </summary>
/// <remarks>
/// Events are immutable once dispatched; their JSON form (see <see cref="ProtocolJson"/>) is the LangChain
/// protocol's wire shape, with <c>event</c> as the discriminator.
/// </remarks>
public abstract record StreamEvent
{
    /// <summary>Initializes the base; only this library defines event types.</summary>
    private protected StreamEvent()
    {
    }

    /// <summary>Gets the wire discriminator, such as <c>message-start</c>.</summary>
    public abstract string EventType { get; }

    /// <summary>Gets the keys this version does not know, kept so they survive a round trip.</summary>
    public IReadOnlyDictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
