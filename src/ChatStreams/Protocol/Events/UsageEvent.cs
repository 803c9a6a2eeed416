namespace ChatStreams;

/// <summary>Represents <c>usage</c>: a running usage snapshot sent before the message finishes.</summary>
/// <param name="Usage">The usage so far.</param>
public sealed record UsageEvent(UsageInfo Usage) : StreamEvent
{
    /// <inheritdoc/>
    public override string EventType => "usage";
}
