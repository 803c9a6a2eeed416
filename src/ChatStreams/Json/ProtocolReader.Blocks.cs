using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ChatStreams;

/// <summary>Reads content blocks.</summary>
internal static partial class ProtocolReader
{
    /// <summary>Reads one content block; an unknown <c>type</c> gives an <see cref="UnknownBlock"/>.</summary>
    /// <param name="element">The object.</param>
    /// <param name="defaultType">The type to assume when the object has no <c>type</c> key, or <see langword="null"/> to require one.</param>
    /// <returns>The block.</returns>
    public static ContentBlock ReadBlock(JsonElement element, string? defaultType = null)
    {
        var bag = new PropertyBag(element, "a content block");
        string type = bag.String("type") ?? defaultType ?? throw bag.Missing("type", "the block discriminator");
        bag.Owner = $"a '{type}' block";
        ContentBlock? block = type switch
        {
            "text" => new TextBlock(bag.String("text") ?? string.Empty) { Id = bag.String("id"), Annotations = bag.List("annotations") },
            "reasoning" => new ReasoningBlock(bag.String("reasoning")) { Id = bag.String("id") },
            "thinking" => ReadThinking(bag),
            "tool_call_chunk" => new ToolCallChunkBlock(bag.String("id"), bag.String("name"), bag.String("args")),
            "tool_call" => new ToolCallBlock(bag.String("id"), bag.String("name") ?? string.Empty, ToolArgs(bag)),
            "invalid_tool_call" => new InvalidToolCallBlock(bag.String("id"), bag.String("name"), RawArgs(bag), bag.String("error")),
            "server_tool_call_chunk" => new ServerToolCallChunkBlock(bag.String("id"), bag.String("name"), bag.String("args")),
            "server_tool_call" => new ServerToolCallBlock(bag.String("id"), bag.String("name") ?? string.Empty, ToolArgs(bag)),
            "server_tool_result" => new ServerToolResultBlock(bag.String("tool_call_id") ?? string.Empty, bag.String("status") ?? "success")
            {
                Id = bag.String("id"),
                Output = bag.Value("output"),
            },
            "image" => ReadMedia(new ImageBlock(), bag),
            "audio" => ReadMedia(new AudioBlock { Transcript = bag.String("transcript") }, bag),
            "video" => ReadMedia(new VideoBlock(), bag),
            "file" => ReadMedia(new FileBlock(), bag),
            "non_standard" => new NonStandardBlock(bag.Object("value") ?? EmptyObject) { Id = bag.String("id") },
            _ => null,
        };
        if (block is null)
        {
            return new UnknownBlock(type, element);
        }

        BlockIndex? index = bag.BlockIndex();
        IReadOnlyDictionary<string, JsonElement>? extras = MergeExtras(block.Extras, bag.Map("extras"));
        return block with { Index = index, Extras = extras, AdditionalProperties = bag.Rest() };
    }

    /// <summary>Gets an empty JSON object, the default tool-call arguments.</summary>
    internal static JsonElement EmptyObject { get; } = JsonElement.Parse("{}");

    /// <summary>Reads a finished call's <c>args</c>: an absent key means <c>{}</c>; any other value is kept as is for the stream to validate.</summary>
    private static JsonElement ToolArgs(PropertyBag bag) => bag.TryTake("args", out JsonElement args) ? args : EmptyObject;

    /// <summary>Reads an invalid call's raw <c>args</c>: a string, or any other JSON kept as its text.</summary>
    private static string? RawArgs(PropertyBag bag) =>
        bag.Value("args") is { } args ? args.ValueKind == JsonValueKind.String ? args.GetString() : args.GetRawText() : null;

    /// <summary>Reads a legacy <c>thinking</c> block as reasoning, keeping its <c>signature</c> in <c>extras</c>.</summary>
    private static ReasoningBlock ReadThinking(PropertyBag bag)
    {
        string? thinking = bag.String("thinking");
        Dictionary<string, JsonElement>? extras = null;
        if (bag.Value("signature") is { } signature)
        {
            extras = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["signature"] = signature };
        }

        return new ReasoningBlock(thinking) { Id = bag.String("id"), Extras = extras };
    }

    /// <summary>Reads the fields every media block shares.</summary>
    private static MediaBlock ReadMedia(MediaBlock block, PropertyBag bag) => block with
    {
        Id = bag.String("id"),
        FileId = bag.String("file_id"),
        Url = bag.String("url"),
        Base64 = bag.String("base64"),
        Data = bag.String("data"),
        MimeType = bag.String("mime_type"),
    };

    /// <summary>Shallow-merges two <c>extras</c> objects, the second winning.</summary>
    /// <param name="first">The first, or <see langword="null"/>.</param>
    /// <param name="second">The second, or <see langword="null"/>.</param>
    /// <returns>The merge, or whichever is not <see langword="null"/>.</returns>
    internal static IReadOnlyDictionary<string, JsonElement>? MergeExtras(
        IReadOnlyDictionary<string, JsonElement>? first, IReadOnlyDictionary<string, JsonElement>? second)
    {
        if (first is null || first.Count == 0)
        {
            return second ?? first;
        }

        if (second is null || second.Count == 0)
        {
            return first;
        }

        var merged = new Dictionary<string, JsonElement>(first, StringComparer.Ordinal);
        foreach ((string key, JsonElement value) in second)
        {
            merged[key] = value;
        }

        return merged;
    }
}
