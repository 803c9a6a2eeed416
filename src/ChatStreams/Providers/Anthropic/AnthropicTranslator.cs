using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace ChatStreams;

/// <summary>
/// Translates Anthropic Messages events: text with citations, thinking with its signature, redacted thinking,
/// tool use and server tool use from <c>input_json_delta</c>, server tool results, cumulative usage and
/// mid-stream errors. The body is complete at <c>message_stop</c>.
/// </summary>
internal sealed partial class AnthropicTranslator : WireTranslator
{
    /// <summary>The open blocks by Anthropic's block index.</summary>
    private readonly Dictionary<int, BlockBuilder> _blocks = [];

    /// <summary>The last text or thinking delta read in full, for the hot path.</summary>
    private readonly ChunkTemplate _template = new();

    /// <summary>The remembered delta's block index.</summary>
    private int _templateIndex;

    /// <summary>The remembered delta's type (<c>text_delta</c>, <c>thinking_delta</c> or <c>input_json_delta</c>).</summary>
    private string _templateKind = string.Empty;

    /// <summary>The message id.</summary>
    private string? _id;

    /// <summary>The model.</summary>
    private string? _model;

    /// <summary>The stop reason of <c>message_delta</c>.</summary>
    private string? _stopReason;

    /// <summary>The stop sequence that ended the message, if any.</summary>
    private string? _stopSequence;

    /// <summary>The raw usage counts, merged as events repeat or update them.</summary>
    private readonly Dictionary<string, int?> _usage = new(StringComparer.Ordinal);

    /// <summary>Initializes the translator.</summary>
    /// <param name="provider">The provider name.</param>
    /// <param name="apiKey">The key to redact.</param>
    public AnthropicTranslator(string provider, string? apiKey)
        : base(provider, apiKey)
    {
    }

    /// <inheritdoc/>
    public override string TerminalDescription => "event: message_stop";

    /// <inheritdoc/>
    public override void Translate(WireMessage message)
    {
        if (message.IsDone)
        {
            return;
        }

        if (UseHotPath && TryTranslateTextDelta(message.Utf8))
        {
            return;
        }

        JsonElement payload = message.Json;
        switch (payload.Str("type"))
        {
            case "message_start" when payload.Obj("message") is { } start:
                _id = start.NonEmpty("id");
                _model = start.NonEmpty("model");
                MergeUsage(start.Obj("usage"));
                StartMessage(_id, _model, Usage());
                break;
            case "content_block_start" when payload.Int("index") is { } index && payload.Obj("content_block") is { } block:
                StartMessage(_id, _model);
                // The payload's memory is pooled: the builder keeps its own copy of the start block.
                _blocks[index] = StartBlock(block.Clone());
                break;
            case "content_block_delta" when payload.Int("index") is { } index && payload.Obj("delta") is { } delta:
                if (_blocks.TryGetValue(index, out BlockBuilder? builder))
                {
                    builder.Apply(this, delta);
                }

                break;
            case "content_block_stop" when payload.Int("index") is { } index:
                if (_blocks.Remove(index, out BlockBuilder? finished))
                {
                    FinishBlock(finished.WireIndex, finished.Build());
                }

                break;
            case "message_delta":
                _stopReason = payload.Obj("delta")?.NonEmpty("stop_reason") ?? _stopReason;
                _stopSequence = payload.Obj("delta")?.NonEmpty("stop_sequence") ?? _stopSequence;
                MergeUsage(payload.Obj("usage"));
                break;
            case "message_stop":
                IsTerminated = true;
                break;
            case "error":
                throw StreamError(payload);
        }
    }

    /// <inheritdoc/>
    public override void Complete()
    {
        StartMessage(_id, _model);
        foreach (BlockBuilder open in _blocks.Values)
        {
            FinishBlock(open.WireIndex, open.Build());
        }

        Dictionary<string, JsonElement>? extra = _stopSequence is null
            ? null
            : new(StringComparer.Ordinal) { ["stop_sequence"] = JsonValues.FromString(_stopSequence) };
        FinishMessage(Usage(), _stopReason, "stop_reason", extra);
    }

    /// <summary>
    /// The hot path: a <c>content_block_delta</c> carrying a <c>text_delta</c>, <c>thinking_delta</c> or
    /// <c>input_json_delta</c> (nearly every event) is read in one forward pass, without building a document; anything
    /// else returns <see langword="false"/> before emitting anything, for the general path.
    /// </summary>
    private bool TryTranslateTextDelta(ReadOnlySpan<byte> utf8)
    {
        if (_template.TryMatch(utf8, out string repeated))
        {
            // The remembered delta with another string: the same block, looked up again as a full read would.
            if (!_blocks.TryGetValue(_templateIndex, out BlockBuilder? remembered))
            {
                return false;
            }

            remembered.AppendDelta(this, _templateKind, repeated);
            return true;
        }

        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        bool isDelta = false;
        int? index = null;
        string? kind = null;

        // Each delta type reads its own property, as the general path does; the last of a repeated key wins.
        DeltaString text = default, thinking = default, json = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("content_block_delta"u8))
                {
                    return false;
                }

                isDelta = true;
            }
            else if (reader.ValueTextEquals("index"u8))
            {
                if (!reader.Read() || !reader.TryGetInt32(out int value))
                {
                    return false;
                }

                index = value;
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return false;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("type"u8))
                    {
                        reader.Read();
                        kind = reader.TokenType != JsonTokenType.String ? null
                            : reader.ValueTextEquals("text_delta"u8) ? "text_delta"
                            : reader.ValueTextEquals("thinking_delta"u8) ? "thinking_delta"
                            : reader.ValueTextEquals("input_json_delta"u8) ? "input_json_delta"
                            : null;
                        if (kind is null)
                        {
                            return false;
                        }
                    }
                    else if (reader.ValueTextEquals("text"u8))
                    {
                        text.Read(ref reader);
                    }
                    else if (reader.ValueTextEquals("thinking"u8))
                    {
                        thinking.Read(ref reader);
                    }
                    else if (reader.ValueTextEquals("partial_json"u8))
                    {
                        json.Read(ref reader);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        DeltaString chosen = kind switch { "text_delta" => text, "thinking_delta" => thinking, _ => json };
        if (reader.Read() || !isDelta || index is not { } key || kind is null || chosen.Value is not { } slice || !_blocks.TryGetValue(key, out BlockBuilder? builder))
        {
            return false;
        }

        builder.AppendDelta(this, kind, slice);
        if (text.Count + thinking.Count + json.Count == 1)
        {
            // Every other value of the delta is fixed by its bytes: remember it for the next delta.
            _template.Remember(utf8, chosen.Start, chosen.End);
            _templateIndex = key;
            _templateKind = kind;
        }

        return true;
    }

    /// <summary>A delta's string property as the hot path read it: its value and where its token lies.</summary>
    private struct DeltaString
    {
        /// <summary>The value; <see langword="null"/> when absent or not a string.</summary>
        public string? Value;

        /// <summary>How many string values the property had (a repeated key counts each).</summary>
        public int Count;

        /// <summary>Where the last string token starts.</summary>
        public int Start;

        /// <summary>Where the last string token ends.</summary>
        public int End;

        /// <summary>Reads the property's value.</summary>
        public void Read(ref Utf8JsonReader reader)
        {
            reader.Read();
            Value = null;
            if (reader.TokenType == JsonTokenType.String)
            {
                Count++;
                Start = (int)reader.TokenStartIndex;
                End = (int)reader.BytesConsumed;
                Value = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>Opens the protocol block for an Anthropic content block.</summary>
    private BlockBuilder StartBlock(JsonElement block)
    {
        string type = block.Str("type") ?? string.Empty;
        var builder = new BlockBuilder(type, block);
        ContentBlock skeleton = type switch
        {
            "text" => new TextBlock(string.Empty),
            "thinking" => new ReasoningBlock(string.Empty),
            "redacted_thinking" => new ReasoningBlock(null),
            "tool_use" => new ToolCallChunkBlock(block.NonEmpty("id"), block.NonEmpty("name"), string.Empty),
            "server_tool_use" => new ServerToolCallChunkBlock(block.NonEmpty("id"), block.NonEmpty("name"), string.Empty),
            _ => builder.Build(),
        };
        builder.WireIndex = OpenBlock(skeleton, builder.Build);
        return builder;
    }

    /// <summary>Merges a usage object: later events repeat counts cumulatively, and proxies may send nulls.</summary>
    private void MergeUsage(JsonElement? usage)
    {
        if (usage is not { } u)
        {
            return;
        }

        foreach (string key in (ReadOnlySpan<string>)["input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"])
        {
            if (u.Int(key) is { } value)
            {
                _usage[key] = value;
            }
        }

        if (u.Obj("output_tokens_details")?.Int("thinking_tokens") is { } thinking)
        {
            _usage["thinking_tokens"] = thinking;
        }
    }

    /// <summary>Normalizes usage: input includes cache reads and writes; total is derived (INDEX.md).</summary>
    private UsageInfo? Usage()
    {
        if (_usage.Count == 0)
        {
            return null;
        }

        int? creation = _usage.GetValueOrDefault("cache_creation_input_tokens");
        int? read = _usage.GetValueOrDefault("cache_read_input_tokens");
        int? input = WireJson.Sum(_usage.GetValueOrDefault("input_tokens"), creation, read);
        int? output = _usage.GetValueOrDefault("output_tokens");
        int? thinking = _usage.GetValueOrDefault("thinking_tokens");
        return new UsageInfo(
            input,
            output,
            WireJson.Sum(input, output),
            creation is null && read is null ? null : new InputTokenDetails(CacheCreation: creation, CacheRead: read),
            thinking is null ? null : new OutputTokenDetails(Reasoning: thinking));
    }
}
