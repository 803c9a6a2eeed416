using System.Text.Json;

namespace ChatStreams;

/// <summary>Represents <c>provider</c>: a provider-specific event passed through untouched.</summary>
/// <param name="Provider">The provider name.</param>
/// <param name="Name">The provider's event name.</param>
/// <param name="Payload">The provider's payload; it must not depend on a disposed <see cref="JsonDocument"/>.</param>
public sealed record ProviderEvent(string Provider, string Name, JsonElement Payload) : StreamEvent
{
    /// <inheritdoc/>
    public override string EventType => "provider";
}
