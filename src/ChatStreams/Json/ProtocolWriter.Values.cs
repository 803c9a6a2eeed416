using System.Collections.Generic;
using System.Text.Json;

namespace ChatStreams;

/// <summary>Writes the small values every protocol object shares.</summary>
internal static partial class ProtocolWriter
{
    /// <summary>Writes a string property unless the value is <see langword="null"/>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="name">The key.</param>
    /// <param name="value">The value.</param>
    public static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Writes a number property unless the value is <see langword="null"/>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="name">The key.</param>
    /// <param name="value">The value.</param>
    public static void WriteOptional(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    /// <summary>Writes a string property, or an explicit <c>null</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="name">The key.</param>
    /// <param name="value">The value.</param>
    public static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Writes an object property from a dictionary unless it is <see langword="null"/>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="name">The key.</param>
    /// <param name="map">The dictionary.</param>
    public static void WriteMapProperty(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, JsonElement>? map)
    {
        if (map is not null)
        {
            writer.WritePropertyName(name);
            WriteMap(writer, map);
        }
    }

    /// <summary>Writes a dictionary as an object.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="map">The dictionary.</param>
    public static void WriteMap(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement> map)
    {
        writer.WriteStartObject();
        WriteRest(writer, map);
        writer.WriteEndObject();
    }

    /// <summary>Writes each entry of <paramref name="rest"/> as a property of the current object.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="rest">The entries, or <see langword="null"/>.</param>
    public static void WriteRest(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement>? rest)
    {
        if (rest is null)
        {
            return;
        }

        foreach ((string key, JsonElement value) in rest)
        {
            writer.WritePropertyName(key);
            WriteElement(writer, value);
        }
    }

    /// <summary>Writes a value; a default (undefined) element is written as <c>null</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="value">The value.</param>
    public static void WriteElement(Utf8JsonWriter writer, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }
}
