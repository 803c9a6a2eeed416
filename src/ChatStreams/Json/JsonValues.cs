using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatStreams;

/// <summary>Builds immutable <see cref="JsonElement"/> values that own their memory.</summary>
internal static class JsonValues
{
    /// <summary>Gets the JSON string <c>"v1"</c>.</summary>
    public static JsonElement V1 { get; } = FromString("v1");

    /// <summary>Creates a JSON string.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The element.</returns>
    public static JsonElement FromString(string value) => Build(value, static (w, v) => w.WriteStringValue(v));

    /// <summary>Creates a JSON object by writing its properties.</summary>
    /// <param name="writeProperties">Writes the properties.</param>
    /// <returns>The element.</returns>
    public static JsonElement FromObject(Action<Utf8JsonWriter> writeProperties) => Build(writeProperties, static (w, write) =>
    {
        w.WriteStartObject();
        write(w);
        w.WriteEndObject();
    });

    /// <summary>Copies a mutable node into an immutable element, so later changes to the node cannot reach it.</summary>
    /// <param name="node">The node, or <see langword="null"/> for JSON null.</param>
    /// <returns>The element.</returns>
    public static JsonElement FromNode(JsonNode? node) => Build(node, static (w, n) =>
    {
        if (n is null)
        {
            w.WriteNullValue();
        }
        else
        {
            n.WriteTo(w);
        }
    });

    /// <summary>Writes an element as compact JSON text, whatever its source's formatting.</summary>
    /// <param name="element">The element.</param>
    /// <returns>The text.</returns>
    public static string Compact(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            element.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Returns the string under <paramref name="key"/>, if it is a JSON string.</summary>
    /// <param name="map">The dictionary, or <see langword="null"/>.</param>
    /// <param name="key">The key.</param>
    /// <returns>The string, or <see langword="null"/>.</returns>
    public static string? StringOf(IReadOnlyDictionary<string, JsonElement>? map, string key) =>
        map is not null && map.TryGetValue(key, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Writes a value with <paramref name="write"/> and parses it back.</summary>
    private static JsonElement Build<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, value);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }
}
