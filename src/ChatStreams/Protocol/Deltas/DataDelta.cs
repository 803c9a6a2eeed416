using System;

namespace ChatStreams;

/// <summary>Represents <c>data-delta</c>: encoded data appended to a media block.</summary>
/// <param name="Data">The appended data.</param>
/// <param name="Encoding">The encoding; <see langword="null"/> means <c>base64</c>.</param>
public sealed record DataDelta(string Data, string? Encoding) : ContentBlockDelta
{
    /// <inheritdoc/>
    public override string Type => "data-delta";
}
