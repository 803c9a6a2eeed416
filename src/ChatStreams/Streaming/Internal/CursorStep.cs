namespace ChatStreams;

/// <summary>What a cursor with no buffered item does next.</summary>
internal enum CursorStep
{
    /// <summary>An item arrived meanwhile: read it.</summary>
    Item,

    /// <summary>The stream completed: the enumeration ends.</summary>
    Done,

    /// <summary>The stream failed: throw its error.</summary>
    Failed,

    /// <summary>A pull pump is installed: run it (or join the run in flight).</summary>
    Pump,

    /// <summary>The cursor is parked on its log: await the wake.</summary>
    Parked,
}
