using System;
using System.Text;

namespace ChatStreams;

/// <summary>The accumulator's state for one wire index (or for the index-less text or reasoning of legacy streams).</summary>
internal sealed class BlockState
{
    /// <summary>Initializes the state.</summary>
    /// <param name="key">The wire index, or <see langword="null"/> for index-less deltas.</param>
    /// <param name="kind">What the index holds.</param>
    public BlockState(int? key, BlockKind kind)
    {
        Key = key;
        Kind = kind;
    }

    /// <summary>Gets the wire index, or <see langword="null"/> for index-less deltas.</summary>
    public int? Key { get; }

    /// <summary>Gets or sets what the index holds.</summary>
    public BlockKind Kind { get; set; }

    /// <summary>Gets or sets the skeleton from <c>content-block-start</c>, if one came.</summary>
    public ContentBlock? Start { get; set; }

    /// <summary>Gets or sets the finalized block; once set the block is closed and later sweeps skip it.</summary>
    public ContentBlock? Final { get; set; }

    /// <summary>Gets or sets the streamed text, reasoning or media data.</summary>
    public StringBuilder? Text { get; set; }

    /// <summary>Gets or sets the tool-call state for tool-chunk kinds.</summary>
    public ToolChunkState? Tool { get; set; }

    /// <summary>Gets the streamed text so far.</summary>
    public string TextSoFar => Text?.ToString() ?? string.Empty;

    /// <summary>Gets the wire index as a block's own index, or the skeleton's source index when it had one.</summary>
    public BlockIndex? OwnIndex => Start?.Index ?? (Key is { } key ? new BlockIndex(key) : (BlockIndex?)null);
}
