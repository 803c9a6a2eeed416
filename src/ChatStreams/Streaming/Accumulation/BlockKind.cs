namespace ChatStreams;

/// <summary>What a wire index holds, decided by its start skeleton or, without one, by its first delta.</summary>
internal enum BlockKind
{
    /// <summary>A text block.</summary>
    Text,

    /// <summary>A reasoning block.</summary>
    Reasoning,

    /// <summary>A client tool call still streaming.</summary>
    ToolChunk,

    /// <summary>A server tool call still streaming.</summary>
    ServerToolChunk,

    /// <summary>An image, audio, video or file block.</summary>
    Media,

    /// <summary>Anything else; finalized from its skeleton if the wire never finishes it.</summary>
    Other,
}
