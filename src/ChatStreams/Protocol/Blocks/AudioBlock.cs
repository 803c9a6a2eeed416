using System;

namespace ChatStreams;

/// <summary>Represents an <c>audio</c> block.</summary>
public sealed record AudioBlock : MediaBlock
{
    /// <summary>Gets the transcript of the audio, if any.</summary>
    public string? Transcript { get; init; }

    /// <inheritdoc/>
    public override string Type => "audio";
}
