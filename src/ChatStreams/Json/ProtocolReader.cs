using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatStreams;

/// <summary>Reads protocol events and deltas from JSON: the Python snake_case shape, the JS camelCase shape and the legacy forms.</summary>
internal static partial class ProtocolReader
{
    /// <summary>Reads one event object.</summary>
    /// <param name="element">The object.</param>
    /// <returns>The event; an unknown <c>event</c> value gives an <see cref="UnknownEvent"/>.</returns>
    public static StreamEvent ReadEvent(JsonElement element)
    {
        var bag = new PropertyBag(element, "a protocol event");
        string name = bag.String("event") ?? throw bag.Missing("event", "the event discriminator");
        bag.Owner = $"a '{name}' event";
        return name switch
        {
            "message-start" => ReadMessageStart(bag),
            "content-block-start" => new ContentBlockStartEvent(
                bag.Int("index") ?? throw bag.Missing("index", "an integer"), ReadContent(bag))
            { AdditionalProperties = bag.Rest() },
            "content-block-delta" => ReadDeltaEvent(bag),
            "content-block-finish" => new ContentBlockFinishEvent(bag.Int("index"), ReadContent(bag)) { AdditionalProperties = bag.Rest() },
            "message-finish" => ReadMessageFinish(bag),
            "usage" => new UsageEvent(ReadUsage(bag.Object("usage") ?? throw bag.Missing("usage", "an object"))) { AdditionalProperties = bag.Rest() },
            "provider" => new ProviderEvent(
                bag.RequiredString("provider"),
                bag.RequiredString("name"),
                bag.TryTake("payload", out JsonElement payload) ? payload : default)
            { AdditionalProperties = bag.Rest() },
            "error" => new ErrorEvent(bag.String("message") ?? "Unknown error", ReadCode(bag)) { AdditionalProperties = bag.Rest() },
            _ => new UnknownEvent(name, element),
        };
    }

    /// <summary>Reads one delta object.</summary>
    /// <param name="element">The object.</param>
    /// <returns>The delta; an unknown <c>type</c> gives an <see cref="UnknownDelta"/>.</returns>
    public static ContentBlockDelta ReadDelta(JsonElement element)
    {
        var bag = new PropertyBag(element, "a delta");
        string type = bag.String("type") ?? throw bag.Missing("type", "the delta discriminator");
        bag.Owner = $"a '{type}' delta";
        ContentBlockDelta delta = type switch
        {
            "text-delta" => new TextDelta(bag.String("text") ?? string.Empty),
            "reasoning-delta" => new ReasoningDelta(bag.String("reasoning") ?? string.Empty),
            "tool-call-delta" => new ToolCallDelta(bag.String("args") ?? string.Empty),
            "data-delta" => new DataDelta(bag.String("data") ?? string.Empty, bag.String("encoding")),
            "block-delta" => new BlockDelta(JsonObject.Create(bag.Object("fields") ?? throw bag.Missing("fields", "an object"))!),
            _ => new UnknownDelta(type, element),
        };
        return delta is UnknownDelta ? delta : delta with { AdditionalProperties = bag.Rest() };
    }

    /// <summary>Reads <c>message-start</c>; the legacy <c>message_id</c> reads as <c>id</c>.</summary>
    private static MessageStartEvent ReadMessageStart(PropertyBag bag)
    {
        string role = bag.String("role") ?? "ai";
        string? id = bag.String("id");
        string? legacyId = bag.String("message_id");
        MessageMetadata? metadata = bag.Object("metadata") is { } m ? ReadMetadata(m) : null;
        UsageInfo? usage = bag.Object("usage") is { } u ? ReadUsage(u) : null;
        return new MessageStartEvent(id ?? legacyId, metadata, usage) { Role = role, AdditionalProperties = bag.Rest() };
    }

    /// <summary>Reads <c>content-block-delta</c>, converting the legacy <c>content_block</c> slice as the reference stream does.</summary>
    private static ContentBlockDeltaEvent ReadDeltaEvent(PropertyBag bag)
    {
        int? index = bag.Int("index");
        ContentBlockDelta delta;
        if (bag.Object("delta") is { } d)
        {
            delta = ReadDelta(d);
        }
        else if (bag.Object("content_block") is { } legacy)
        {
            delta = FromLegacySlice(ReadBlock(legacy));
        }
        else
        {
            throw bag.Missing("delta", "an object");
        }

        return new ContentBlockDeltaEvent(index, delta) { AdditionalProperties = bag.Rest() };
    }

    /// <summary>Spec b.3: a legacy slice of text, reasoning or data becomes the matching delta; anything else stays a slice.</summary>
    private static ContentBlockDelta FromLegacySlice(ContentBlock block) => block switch
    {
        TextBlock text => new TextDelta(text.Text),
        ReasoningBlock reasoning => new ReasoningDelta(reasoning.Reasoning ?? string.Empty),
        MediaBlock { Data: { } data } => new DataDelta(data, null),
        _ => new LegacyBlockDelta(block),
    };

    /// <summary>Reads <c>message-finish</c>; <c>reason</c> (legacy and LangChain.js) reads as <c>finish_reason</c>.</summary>
    private static MessageFinishEvent ReadMessageFinish(PropertyBag bag)
    {
        UsageInfo? usage = bag.Object("usage") is { } u ? ReadUsage(u) : null;
        string? finishReason = bag.String("finish_reason");
        string? reason = bag.String("reason");
        IReadOnlyDictionary<string, JsonElement>? metadata = bag.Map("metadata");
        return new MessageFinishEvent(usage, finishReason ?? reason, metadata) { AdditionalProperties = bag.Rest() };
    }

    /// <summary>Reads the start or finish block under <c>content</c> (or the legacy <c>content_block</c>).</summary>
    private static ContentBlock ReadContent(PropertyBag bag) =>
        ReadBlock(bag.Object("content") ?? bag.Object("content_block") ?? throw bag.Missing("content", "a content block object"));

    /// <summary>Reads an error code: a string, or a number kept as its text.</summary>
    private static string? ReadCode(PropertyBag bag)
    {
        if (!bag.TryTake("code", out JsonElement code))
        {
            return null;
        }

        return code.ValueKind switch
        {
            JsonValueKind.String => code.GetString(),
            JsonValueKind.Number => code.GetRawText(),
            JsonValueKind.Null => null,
            _ => throw bag.WrongKind("code", "a string", code),
        };
    }

    /// <summary>Reads the <c>metadata</c> of <c>message-start</c>.</summary>
    private static MessageMetadata ReadMetadata(JsonElement element)
    {
        var bag = new PropertyBag(element, "message metadata");
        return new MessageMetadata
        {
            Provider = bag.String("provider"),
            Model = bag.String("model"),
            ModelType = bag.String("model_type"),
            RunId = bag.String("run_id"),
            ThreadId = bag.String("thread_id"),
            SystemFingerprint = bag.String("system_fingerprint"),
            ServiceTier = bag.String("service_tier"),
            AdditionalProperties = bag.Rest(),
        };
    }

    /// <summary>Reads a usage object with its detail objects.</summary>
    /// <param name="element">The object.</param>
    /// <returns>The usage.</returns>
    public static UsageInfo ReadUsage(JsonElement element)
    {
        var bag = new PropertyBag(element, "usage");
        int? input = bag.Int("input_tokens");
        int? output = bag.Int("output_tokens");
        int? total = bag.Int("total_tokens");
        InputTokenDetails? inputDetails = null;
        if (bag.Object("input_token_details") is { } i)
        {
            var details = new PropertyBag(i, "input_token_details");
            inputDetails = new InputTokenDetails(details.Int("audio"), details.Int("cache_creation"), details.Int("cache_read"))
            {
                AdditionalProperties = details.Rest(),
            };
        }

        OutputTokenDetails? outputDetails = null;
        if (bag.Object("output_token_details") is { } o)
        {
            var details = new PropertyBag(o, "output_token_details");
            outputDetails = new OutputTokenDetails(details.Int("audio"), details.Int("reasoning")) { AdditionalProperties = details.Rest() };
        }

        return new UsageInfo(input, output, total, inputDetails, outputDetails) { AdditionalProperties = bag.Rest() };
    }
}
