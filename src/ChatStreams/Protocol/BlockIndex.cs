using System;
using System.Globalization;

namespace ChatStreams;

/// <summary>
/// Represents a content block's own source-side <c>index</c>: an integer or a string such as <c>"lc_txt_1"</c>.
/// </summary>
/// <remarks>
/// This is not the wire index carried by block events (<see cref="ContentBlockDeltaEvent.Index"/>): it is the
/// identifier the source gave the block, kept exactly as it arrived.
/// </remarks>
public readonly struct BlockIndex : IEquatable<BlockIndex>
{
    /// <summary>The string form, or <see langword="null"/> when the index is a number.</summary>
    private readonly string? _name;

    /// <summary>The numeric form, meaningful only when <see cref="_name"/> is <see langword="null"/>.</summary>
    private readonly int _number;

    /// <summary>Initializes a numeric block index.</summary>
    /// <param name="number">The index.</param>
    public BlockIndex(int number) => _number = number;

    /// <summary>Initializes a string block index.</summary>
    /// <param name="name">The index.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public BlockIndex(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _name = name;
    }

    /// <summary>Gets the index as a number, or <see langword="null"/> when it is a string.</summary>
    public int? Number => _name is null ? _number : null;

    /// <summary>Gets the index as a string, or <see langword="null"/> when it is a number.</summary>
    public string? Name => _name;

    /// <summary>Converts a number to a block index.</summary>
    /// <param name="number">The index.</param>
    public static implicit operator BlockIndex(int number) => new(number);

    /// <summary>Converts a string to a block index.</summary>
    /// <param name="name">The index.</param>
    public static implicit operator BlockIndex(string name) => new(name);

    /// <summary>Creates a numeric block index.</summary>
    /// <param name="number">The index.</param>
    /// <returns>The block index.</returns>
    public static BlockIndex FromInt32(int number) => new(number);

    /// <summary>Creates a string block index.</summary>
    /// <param name="name">The index.</param>
    /// <returns>The block index.</returns>
    public static BlockIndex FromString(string name) => new(name);

    /// <inheritdoc/>
    public bool Equals(BlockIndex other) => _name is null ? other._name is null && _number == other._number : _name == other._name;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BlockIndex other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _name?.GetHashCode(StringComparison.Ordinal) ?? _number;

    /// <inheritdoc/>
    public override string ToString() => _name ?? _number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Compares two block indices for equality.</summary>
    /// <param name="left">The first index.</param>
    /// <param name="right">The second index.</param>
    /// <returns><see langword="true"/> when both are equal.</returns>
    public static bool operator ==(BlockIndex left, BlockIndex right) => left.Equals(right);

    /// <summary>Compares two block indices for inequality.</summary>
    /// <param name="left">The first index.</param>
    /// <param name="right">The second index.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(BlockIndex left, BlockIndex right) => !left.Equals(right);
}
