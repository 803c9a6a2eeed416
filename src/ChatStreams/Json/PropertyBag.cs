using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ChatStreams;

/// <summary>
/// Reads one JSON object of the protocol: known keys are taken by their snake_case name (camelCase input is
/// matched too), and whatever is left becomes <c>AdditionalProperties</c> under its original name.
/// </summary>
/// <remarks>Every wrong-kind value throws a <see cref="JsonException"/> that names the key and what owns it.</remarks>
internal sealed class PropertyBag
{
    /// <summary>The object's properties, in order.</summary>
    private readonly JsonProperty[] _properties;

    /// <summary>The snake_case name of each property.</summary>
    private readonly string[] _names;

    /// <summary>Which properties a reader has taken.</summary>
    private readonly bool[] _taken;

    /// <summary>Initializes a bag over <paramref name="element"/>.</summary>
    /// <param name="element">The object.</param>
    /// <param name="owner">What the object is, for error messages (for example <c>a 'text' block</c>).</param>
    public PropertyBag(JsonElement element, string owner)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Expected {owner} to be a JSON object, but found {Describe(element)}.");
        }

        Owner = owner;
        _properties = [.. element.EnumerateObject()];
        _names = new string[_properties.Length];
        _taken = new bool[_properties.Length];
        for (int i = 0; i < _properties.Length; i++)
        {
            _names[i] = JsonNames.ToSnake(_properties[i].Name);
        }
    }

    /// <summary>Gets or sets what the object is, for error messages; readers sharpen it once they know the discriminator.</summary>
    public string Owner { get; set; }

    /// <summary>Takes the value of <paramref name="name"/>, if present.</summary>
    /// <param name="name">The snake_case key.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when the key was present.</returns>
    public bool TryTake(string name, out JsonElement value)
    {
        for (int i = 0; i < _names.Length; i++)
        {
            if (!_taken[i] && _names[i] == name)
            {
                _taken[i] = true;
                value = _properties[i].Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Takes a string or <see langword="null"/>.</summary>
    /// <param name="name">The snake_case key.</param>
    /// <returns>The string, or <see langword="null"/> when absent or null.</returns>
    public string? String(string name) =>
        !TryTake(name, out JsonElement v) ? null : v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null => null,
            _ => throw WrongKind(name, "a string", v),
        };

    /// <summary>Takes a string that must be present.</summary>
    /// <param name="name">The snake_case key.</param>
    /// <returns>The string.</returns>
    public string RequiredString(string name) => String(name) ?? throw Missing(name, "a string");

    /// <summary>Takes an integer or <see langword="null"/>.</summary>
    /// <param name="name">The snake_case key.</param>
    /// <returns>The integer, or <see langword="null"/> when absent or null.</returns>
    public int? Int(string name)
    {
        if (!TryTake(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int number)
            ? number
            : throw WrongKind(name, "a 32-bit integer", v);
    }

    /// <summary>Takes a block's own index: an integer or a string.</summary>
    /// <returns>The index, or <see langword="null"/> when absent or null.</returns>
    public BlockIndex? BlockIndex()
    {
        if (!TryTake("index", out JsonElement v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Null => (BlockIndex?)null,
            JsonValueKind.String => new BlockIndex(v.GetString()!),
            JsonValueKind.Number when v.TryGetInt32(out int number) => new BlockIndex(number),
            _ => throw WrongKind("index", "an integer or a string", v),
        };
    }

    /// <summary>Takes any value that is not null.</summary>
    /// <param name="name">The snake_case key.</param>
    /// <returns>The value, or <see langword="null"/> when absent or null.</returns>
    public JsonElement? Value(string name) =>
        TryTake(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? v : null;

    /// <summary>Takes an object, or <see langword="null"/>.</summary>
    /// <param name="name">The snake_case key.</param>
    /// <returns>The object element, or <see langword="null"/> when absent or null.</returns>
    public JsonElement? Object(string name)
    {
        JsonElement? v = Value(name);
        return v is null || v.Value.ValueKind == JsonValueKind.Object ? v : throw WrongKind(name, "an object", v.Value);
    }

    /// <summary>Takes an object as a dictionary of its values, or <see langword="null"/>.</summary>
    /// <param name="name">The snake_case key.</param>
    /// <returns>The dictionary, or <see langword="null"/> when absent or null.</returns>
    public IReadOnlyDictionary<string, JsonElement>? Map(string name) =>
        Object(name) is { } o ? ToMap(o) : null;

    /// <summary>Takes an array as a list of its items, or <see langword="null"/>.</summary>
    /// <param name="name">The snake_case key.</param>
    /// <returns>The list, or <see langword="null"/> when absent or null.</returns>
    public IReadOnlyList<JsonElement>? List(string name)
    {
        JsonElement? v = Value(name);
        if (v is null)
        {
            return null;
        }

        return v.Value.ValueKind == JsonValueKind.Array ? [.. v.Value.EnumerateArray()] : throw WrongKind(name, "an array", v.Value);
    }

    /// <summary>Returns the keys nobody took, under their original names, or <see langword="null"/> when none are left.</summary>
    /// <returns>The remaining properties.</returns>
    public IReadOnlyDictionary<string, JsonElement>? Rest()
    {
        Dictionary<string, JsonElement>? rest = null;
        for (int i = 0; i < _properties.Length; i++)
        {
            if (!_taken[i])
            {
                rest ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                rest[_properties[i].Name] = _properties[i].Value;
            }
        }

        return rest;
    }

    /// <summary>Creates the exception for a required key that is absent.</summary>
    /// <param name="name">The key.</param>
    /// <param name="expected">What it should have been.</param>
    /// <returns>The exception.</returns>
    public JsonException Missing(string name, string expected) =>
        new($"{Capitalize(Owner)} is missing '{name}' ({expected}).");

    /// <summary>Creates the exception for a value of the wrong kind.</summary>
    /// <param name="name">The key.</param>
    /// <param name="expected">What it should have been.</param>
    /// <param name="actual">What it was.</param>
    /// <returns>The exception.</returns>
    public JsonException WrongKind(string name, string expected, JsonElement actual) =>
        new($"'{name}' of {Owner} must be {expected}, but found {Describe(actual)}.");

    /// <summary>Copies an object's properties into a dictionary.</summary>
    /// <param name="element">The object.</param>
    /// <returns>The dictionary.</returns>
    public static Dictionary<string, JsonElement> ToMap(JsonElement element)
    {
        var map = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            map[property.Name] = property.Value;
        }

        return map;
    }

    /// <summary>Describes a value's kind for an error message.</summary>
    /// <param name="element">The value.</param>
    /// <returns>For example <c>an array</c> or <c>a number (3)</c>.</returns>
    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"a number ({element.GetRawText()})",
        JsonValueKind.True or JsonValueKind.False => $"a boolean ({element.GetRawText()})",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>Upper-cases the first letter.</summary>
    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
