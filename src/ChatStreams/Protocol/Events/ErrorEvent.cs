namespace ChatStreams;

/// <summary>Represents <c>error</c>: the message failed; the stream fails with a <see cref="ChatModelException"/>.</summary>
/// <param name="Message">The error message.</param>
/// <param name="Code">The error code, if any; it becomes <see cref="ChatModelException.ErrorCode"/>.</param>
public sealed record ErrorEvent(string Message, string? Code) : StreamEvent
{
    /// <inheritdoc/>
    public override string EventType => "error";
}
