namespace ChatStreams;

/// <summary>Represents <c>message-start</c>: the first event of every message.</summary>
/// <param name="Id">The provider's message id; <see langword="null"/> or empty when it sent none.</param>
/// <param name="Metadata">The model metadata, if any.</param>
/// <param name="Usage">Partial usage known at the start (for example input tokens), if any.</param>
public sealed record MessageStartEvent(string? Id, MessageMetadata? Metadata, UsageInfo? Usage) : StreamEvent
{
    /// <summary>Gets the role of the message's author.</summary>
    /// <value>Defaults to <c>ai</c>.</value>
    public string Role { get; init; } = "ai";

    /// <inheritdoc/>
    public override string EventType => "message-start";
}
