namespace ChatStreams;

/// <summary>
/// Represents the assembled message of a stream: awaiting gives the <see cref="AIMessage"/>; each enumeration
/// yields it once, when it is complete.
/// </summary>
/// <remarks>Unlike awaiting the stream itself, awaiting this projection does not wait for the producer's post-work (observers).</remarks>
public sealed class OutputProjection : StreamProjection<AIMessage, AIMessage>
{
    /// <summary>Initializes the projection.</summary>
    internal OutputProjection(ChatModelStream stream, ItemLog<AIMessage> log)
        : base(stream, log)
    {
    }

    /// <inheritdoc/>
    private protected override AIMessage Select(AIMessage message) => message;
}
