using System;
using System.Text.Json.Nodes;

namespace ChatStreams;

/// <summary>
/// Represents <c>block-delta</c>: fields shallow-merged onto the block (last value wins per key). For
/// <c>tool_call_chunk</c> and <c>server_tool_call_chunk</c> blocks the fields are a whole snapshot whose
/// <c>args</c> replace the previous ones.
/// </summary>
/// <param name="Fields">The fields, with a <c>type</c> key naming the block type.</param>
/// <remarks>Once dispatched, the stream owns <paramref name="Fields"/>: callers must not mutate it.</remarks>
public sealed record BlockDelta(JsonObject Fields) : ContentBlockDelta
{
    /// <inheritdoc/>
    public override string Type => "block-delta";
}
