using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatStreams;

/// <summary>The merged record of one streaming tool call: id, name, arguments and any further fields.</summary>
internal sealed class ToolChunkState
{
    /// <summary>Gets or sets the call id.</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the tool name.</summary>
    public string? Name { get; set; }

    /// <summary>Gets the cumulative arguments; a snapshot that replaces them starts a new buffer so earlier chunks keep theirs.</summary>
    public ArgsBuffer Args { get; private set; } = new();

    /// <summary>Gets the source-side index of the chunk, if the wire gave one.</summary>
    public BlockIndex? SourceIndex { get; private set; }

    /// <summary>Gets the fields beyond type, id, name, args and index, from block-delta snapshots.</summary>
    public Dictionary<string, JsonElement>? Fields { get; private set; }

    /// <summary>Takes the id and name a start skeleton carries.</summary>
    /// <param name="id">The id.</param>
    /// <param name="name">The name.</param>
    public void TakeIdentity(string? id, string? name)
    {
        if (!string.IsNullOrEmpty(id))
        {
            Id = id;
        }

        if (!string.IsNullOrEmpty(name))
        {
            Name = name;
        }
    }

    /// <summary>Spec b.3 legacy merge: id and name stick to the first non-empty value; args append.</summary>
    /// <param name="id">The slice's id.</param>
    /// <param name="name">The slice's name.</param>
    /// <param name="args">The slice's args.</param>
    public void MergeSlice(string? id, string? name, string? args)
    {
        if (string.IsNullOrEmpty(Id))
        {
            Id = string.IsNullOrEmpty(id) ? Id : id;
        }

        if (string.IsNullOrEmpty(Name))
        {
            Name = string.IsNullOrEmpty(name) ? Name : name;
        }

        if (!string.IsNullOrEmpty(args))
        {
            Args.Append(args);
        }
    }

    /// <summary>Spec b.3 block-delta merge: every non-null field wins, and <c>args</c> replace the previous arguments.</summary>
    /// <param name="fields">The snapshot.</param>
    /// <param name="argsDelta">The new slice when the snapshot extends the previous arguments, else <see langword="null"/>.</param>
    public void MergeSnapshot(JsonObject fields, out string? argsDelta)
    {
        argsDelta = string.Empty;
        foreach ((string key, JsonNode? value) in fields)
        {
            if (value is null)
            {
                continue;
            }

            switch (key)
            {
                case "type":
                    break;
                case "id":
                    Id = AsString(value) ?? Id;
                    break;
                case "name":
                    Name = AsString(value) ?? Name;
                    break;
                case "args":
                    argsDelta = ReplaceArgs(AsString(value) ?? value.ToJsonString());
                    break;
                case "index":
                    SourceIndex = AsIndex(value) ?? SourceIndex;
                    break;
                default:
                    (Fields ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[key] = JsonValues.FromNode(value);
                    break;
            }
        }
    }

    /// <summary>Replaces the arguments with a complete value (a finish), keeping them when <paramref name="args"/> is <see langword="null"/>.</summary>
    /// <param name="args">The complete arguments.</param>
    public void SetArgs(string? args)
    {
        if (args is not null)
        {
            ReplaceArgs(args);
        }
    }

    /// <summary>Replaces the arguments and returns the tail when the new ones extend the old, else <see langword="null"/>.</summary>
    private string? ReplaceArgs(string args)
    {
        string previous = Args.ToString();
        if (args == previous)
        {
            return string.Empty;
        }

        Args = new ArgsBuffer();
        Args.Append(args);
        return args.StartsWith(previous, StringComparison.Ordinal) ? args[previous.Length..] : null;
    }

    /// <summary>Reads a string node, or <see langword="null"/>.</summary>
    private static string? AsString(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    /// <summary>Reads an integer or string node as a block index.</summary>
    private static BlockIndex? AsIndex(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => new BlockIndex(node.GetValue<string>()),
        JsonValueKind.Number when node.AsValue().TryGetValue(out int number) => new BlockIndex(number),
        _ => (BlockIndex?)null,
    };
}
