using System;

namespace ChatStreams;

/// <summary>
/// Represents the legacy delta form that carried a slice block under <c>content_block</c>. For tool-call chunks
/// its <c>args</c> are appended and the first id and name seen win.
/// </summary>
/// <param name="Block">The slice block.</param>
public sealed record LegacyBlockDelta(ContentBlock Block) : ContentBlockDelta
{
    /// <inheritdoc/>
    public override string Type => "content_block";
}
