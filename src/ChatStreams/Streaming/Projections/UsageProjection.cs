namespace ChatStreams;

/// <summary>
/// Represents the usage of a stream: each enumeration yields every <see cref="UsageEvent"/> snapshot and then the
/// usage of <c>message-finish</c>, if any; awaiting gives the message's usage.
/// </summary>
public sealed class UsageProjection : StreamProjection<UsageInfo, UsageInfo?>
{
    /// <summary>Initializes the projection.</summary>
    internal UsageProjection(ChatModelStream stream, ItemLog<UsageInfo> log)
        : base(stream, log)
    {
    }

    /// <inheritdoc/>
    private protected override UsageInfo? Select(AIMessage message) => message.UsageMetadata;
}
