using System;

namespace ChatStreams;

/// <summary>
/// Represents one increment of a streaming tool call, as the <see cref="ChatModelStream.ToolCalls"/> projection
/// yields it: the new slice of arguments and the cumulative arguments, whichever form the wire used.
/// </summary>
public sealed record ToolCallChunk
{
    /// <summary>The buffer <see cref="Args"/> is built from on first read, or <see langword="null"/>.</summary>
    private readonly ArgsBuffer? _source;

    /// <summary>The length of <see cref="_source"/> when this chunk was published.</summary>
    private readonly int _length;

    /// <summary>The cumulative arguments, once built.</summary>
    private string? _args;

    /// <summary>Initializes a chunk.</summary>
    /// <param name="index">The wire index of the call's block.</param>
    /// <param name="id">The call id known so far.</param>
    /// <param name="name">The tool name known so far.</param>
    /// <param name="argsDelta">The new slice of arguments, or <see langword="null"/> when the wire replaced them.</param>
    /// <param name="args">The cumulative arguments so far.</param>
    public ToolCallChunk(int index, string? id, string? name, string? argsDelta, string args)
    {
        Index = index;
        Id = id;
        Name = name;
        ArgsDelta = argsDelta;
        _args = args;
    }

    /// <summary>Initializes a chunk whose cumulative arguments are the first <paramref name="length"/> characters of <paramref name="source"/>.</summary>
    internal ToolCallChunk(int index, string? id, string? name, string? argsDelta, ArgsBuffer source, int length)
    {
        Index = index;
        Id = id;
        Name = name;
        ArgsDelta = argsDelta;
        _source = source;
        _length = length;
    }

    /// <summary>Gets the wire index of the call's block.</summary>
    public int Index { get; init; }

    /// <summary>Gets the call id known so far.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the tool name known so far.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the new slice of arguments, or <see langword="null"/> when the wire replaced them with a snapshot that does not extend the previous one.</summary>
    public string? ArgsDelta { get; init; }

    /// <summary>Gets the cumulative arguments so far (partial JSON).</summary>
    public string Args
    {
        get => _args ??= _source!.Prefix(_length);
        init => _args = value;
    }

    /// <summary>Deconstructs the chunk.</summary>
    /// <param name="index">The wire index.</param>
    /// <param name="id">The call id.</param>
    /// <param name="name">The tool name.</param>
    /// <param name="argsDelta">The new slice.</param>
    /// <param name="args">The cumulative arguments.</param>
    public void Deconstruct(out int index, out string? id, out string? name, out string? argsDelta, out string args) =>
        (index, id, name, argsDelta, args) = (Index, Id, Name, ArgsDelta, Args);

    /// <inheritdoc/>
    public bool Equals(ToolCallChunk? other) =>
        other is not null && Index == other.Index && Id == other.Id && Name == other.Name && ArgsDelta == other.ArgsDelta && Args == other.Args;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Index, Id, Name, ArgsDelta, Args);
}
