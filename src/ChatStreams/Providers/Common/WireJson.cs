using System;
using System.Text.Json;

namespace ChatStreams;

/// <summary>Null-tolerant readers for provider payloads, whose fields come and go between versions and compatible servers.</summary>
internal static class WireJson
{
    /// <summary>Gets a property if <paramref name="element"/> is an object that has it with a non-null value.</summary>
    /// <param name="element">The object.</param>
    /// <param name="name">The property.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when present and not null.</returns>
    public static bool Has(this JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Reads a string property, or <see langword="null"/>.</summary>
    /// <param name="element">The object.</param>
    /// <param name="name">The property.</param>
    /// <returns>The string.</returns>
    public static string? Str(this JsonElement element, string name) =>
        element.Has(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Reads a non-empty string property, or <see langword="null"/>.</summary>
    /// <param name="element">The object.</param>
    /// <param name="name">The property.</param>
    /// <returns>The string.</returns>
    public static string? NonEmpty(this JsonElement element, string name) => element.Str(name) is { Length: > 0 } s ? s : null;

    /// <summary>Reads an integer property (saturated to 32 bits), or <see langword="null"/>.</summary>
    /// <param name="element">The object.</param>
    /// <param name="name">The property.</param>
    /// <returns>The integer.</returns>
    public static int? Int(this JsonElement element, string name) =>
        element.Has(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number)
            ? (int)Math.Clamp(number, int.MinValue, int.MaxValue)
            : null;

    /// <summary>Reads a boolean property, or <see langword="null"/>.</summary>
    /// <param name="element">The object.</param>
    /// <param name="name">The property.</param>
    /// <returns>The boolean.</returns>
    public static bool? Bool(this JsonElement element, string name) =>
        element.Has(name, out JsonElement value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    /// <summary>Reads an object property, or <see langword="null"/>.</summary>
    /// <param name="element">The object.</param>
    /// <param name="name">The property.</param>
    /// <returns>The object.</returns>
    public static JsonElement? Obj(this JsonElement element, string name) =>
        element.Has(name, out JsonElement value) && value.ValueKind == JsonValueKind.Object ? value : null;

    /// <summary>Enumerates an array property; absent or not an array gives nothing.</summary>
    /// <param name="element">The object.</param>
    /// <param name="name">The property.</param>
    /// <returns>The items.</returns>
    public static JsonElement.ArrayEnumerator Items(this JsonElement element, string name) =>
        element.Has(name, out JsonElement value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : default;

    /// <summary>Sums counts that may be missing: <see langword="null"/> only when all are.</summary>
    /// <param name="counts">The counts.</param>
    /// <returns>The sum.</returns>
    public static int? Sum(params ReadOnlySpan<int?> counts)
    {
        int? sum = null;
        foreach (int? count in counts)
        {
            if (count is { } value)
            {
                sum = (sum ?? 0) + value;
            }
        }

        return sum;
    }
}
