using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>Converts tool-call arguments between our JSON objects and Microsoft.Extensions.AI's dictionaries.</summary>
internal static class ToolArguments
{
    /// <summary>Turns a JSON object into the dictionary <see cref="FunctionCallContent"/> carries; values stay <see cref="JsonElement"/>s.</summary>
    /// <param name="args">The arguments object.</param>
    /// <returns>The dictionary.</returns>
    public static Dictionary<string, object?> ToDictionary(JsonElement args)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (args.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in args.EnumerateObject())
            {
                map[property.Name] = property.Value;
            }
        }

        return map;
    }

    /// <summary>Serializes a call's argument dictionary to a JSON object with Microsoft.Extensions.AI's own options.</summary>
    /// <param name="args">The arguments, or <see langword="null"/> for none.</param>
    /// <returns>The JSON object.</returns>
    public static JsonElement ToJson(IDictionary<string, object?>? args) =>
        args is null
            ? ProtocolReader.EmptyObject
            : JsonSerializer.SerializeToElement(args, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
}
