namespace ChatStreams;

/// <summary>The terminal state of a stream; the first terminal state wins (DESIGN section 4.1).</summary>
internal enum StreamState
{
    /// <summary>Not finished yet.</summary>
    Running,

    /// <summary><c>message-finish</c> arrived; the message is assembled.</summary>
    Completed,

    /// <summary>The stream failed; <see cref="ChatModelStream.Error"/> holds why.</summary>
    Failed,
}
