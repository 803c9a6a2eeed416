using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace ChatStreams;

/// <summary>
/// Translates Chat Completions chunks (OpenAI and compatibles) into protocol events: reasoning
/// (<c>reasoning_content</c> or <c>reasoning</c>), text, refusals as their own block, tool calls merged by
/// <c>tool_calls[].index</c>; the body is complete at <c>data: [DONE]</c>.
/// </summary>
internal sealed class OpenAIChatTranslator : WireTranslator
{
    /// <summary>The tool calls by their <c>tool_calls[].index</c>.</summary>
    private readonly Dictionary<int, int> _toolBlocks = [];

    /// <summary>The accumulated arguments of each tool block, by wire index.</summary>
    private readonly Dictionary<int, StringBuilder> _toolArgs = [];

    /// <summary>The text of the open text, reasoning or refusal block.</summary>
    private StringBuilder _text = new();

    /// <summary>What the open text-like block holds, or <see langword="null"/>.</summary>
    private BlockKind? _textKind;

    /// <summary>Whether the open text-like block is a refusal (kept apart from text).</summary>
    private bool _refusal;

    /// <summary>The wire index of the open text-like block.</summary>
    private int _textIndex;

    /// <summary>The first non-empty id.</summary>
    private string? _id;

    /// <summary>The first non-empty model.</summary>
    private string? _model;

    /// <summary>The first finish reason (OpenRouter sends it twice).</summary>
    private string? _finishReason;

    /// <summary>The last usage seen.</summary>
    private UsageInfo? _usage;

    /// <summary>The system fingerprint, kept in metadata.</summary>
    private string? _fingerprint;

    /// <summary>Initializes the translator.</summary>
    /// <param name="provider">The provider name.</param>
    /// <param name="apiKey">The key to redact.</param>
    public OpenAIChatTranslator(string provider, string? apiKey)
        : base(provider, apiKey)
    {
    }

    /// <inheritdoc/>
    public override string TerminalDescription => "data: [DONE]";

    /// <inheritdoc/>
    public override void Translate(WireMessage message)
    {
        if (message.IsDone)
        {
            IsTerminated = true;
            return;
        }

        if (TryTranslateSimple(message.Utf8))
        {
            return;
        }

        JsonElement chunk = message.Json;
        if (chunk.Has("error", out _))
        {
            throw StreamError(chunk);
        }

        // Azure's first chunk has an empty id and model: never let it overwrite, wait for real ones.
        _id ??= chunk.NonEmpty("id");
        _model ??= chunk.NonEmpty("model");
        _fingerprint ??= chunk.NonEmpty("system_fingerprint");
        if (chunk.Obj("usage") is { } usage)
        {
            _usage = ReadUsage(usage);
        }

        if (_id is not null)
        {
            StartMessage(_id, _model);
        }

        foreach (JsonElement choice in chunk.Items("choices"))
        {
            if (choice.Int("index") is > 0)
            {
                continue;
            }

            if (choice.Obj("delta") is { } delta)
            {
                ReadDelta(delta);
            }

            _finishReason ??= choice.NonEmpty("finish_reason");
        }
    }

    /// <inheritdoc/>
    public override void Complete()
    {
        StartMessage(_id, _model);
        Dictionary<string, JsonElement>? extra = _fingerprint is null
            ? null
            : new(StringComparer.Ordinal) { ["system_fingerprint"] = JsonValues.FromString(_fingerprint) };
        FinishMessage(_usage, _finishReason, "finish_reason", extra);
    }

    /// <summary>
    /// The hot path: a chunk with one choice whose delta carries only text, reasoning or a refusal (nearly every
    /// chunk) is read in one forward pass, without building a document. Anything else (tool calls, usage,
    /// errors, several choices) returns <see langword="false"/> before emitting anything, for the general path.
    /// </summary>
    private bool TryTranslateSimple(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        string? id = null, model = null, fingerprint = null;
        var choice = default(SimpleChoice);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("choices"u8))
            {
                if (!reader.Read() || !ReadChoices(ref reader, ref choice))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                id = ReadKnown(ref reader, _id);
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                model = ReadKnown(ref reader, _model);
            }
            else if (reader.ValueTextEquals("system_fingerprint"u8))
            {
                fingerprint = ReadKnown(ref reader, _fingerprint);
            }
            else if (reader.ValueTextEquals("usage"u8) || reader.ValueTextEquals("error"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.Null)
                {
                    return false;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.Read())
        {
            // Content after the chunk's object: malformed, and the general path says so.
            return false;
        }

        _id ??= string.IsNullOrEmpty(id) ? null : id;
        _model ??= string.IsNullOrEmpty(model) ? null : model;
        _fingerprint ??= string.IsNullOrEmpty(fingerprint) ? null : fingerprint;
        if (_id is not null)
        {
            StartMessage(_id, _model);
        }

        if (choice.Reasoning is { Length: > 0 } reasoning)
        {
            AppendText(BlockKind.Reasoning, refusal: false, reasoning);
        }

        if (choice.Content is { Length: > 0 } content)
        {
            AppendText(BlockKind.Text, refusal: false, content);
        }

        if (choice.Refusal is { Length: > 0 } refusal)
        {
            AppendText(BlockKind.Other, refusal: true, refusal);
        }

        foreach (ToolFragment fragment in choice.ToolCalls ?? [])
        {
            AppendToolCall(fragment.Index ?? _toolBlocks.Count, string.IsNullOrEmpty(fragment.Id) ? null : fragment.Id, string.IsNullOrEmpty(fragment.Name) ? null : fragment.Name, fragment.Arguments);
        }

        _finishReason ??= string.IsNullOrEmpty(choice.FinishReason) ? null : choice.FinishReason;
        return true;
    }

    /// <summary>Reads a string this translator already knows without decoding it again; otherwise decodes it.</summary>
    private static string? ReadKnown(ref Utf8JsonReader reader, string? known)
    {
        reader.Read();
        return known is null && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
    }

    /// <summary>Reads <c>choices</c>: null, empty, or one choice at index 0 with a simple delta.</summary>
    private static bool ReadChoices(ref Utf8JsonReader reader, ref SimpleChoice choice)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        int count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject || ++count > 1)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("delta"u8))
                {
                    if (!reader.Read() || !ReadDelta(ref reader, ref choice))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("finish_reason"u8))
                {
                    reader.Read();
                    choice.FinishReason = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("index"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int index) || index != 0)
                    {
                        return false;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }

        return true;
    }

    /// <summary>Reads a delta with only text, reasoning, a refusal or a role; tool calls send the chunk to the general path.</summary>
    private static bool ReadDelta(ref Utf8JsonReader reader, ref SimpleChoice choice)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return reader.TokenType == JsonTokenType.Null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                choice.Content = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("reasoning_content"u8) || reader.ValueTextEquals("reasoning"u8))
            {
                choice.Reasoning = ReadString(ref reader) ?? choice.Reasoning;
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                choice.Refusal = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                if (!reader.Read() || !ReadToolCalls(ref reader, ref choice))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("function_call"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.Null)
                {
                    return false;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return true;
    }

    /// <summary>Reads tool-call fragments: <c>index</c>, <c>id</c>, <c>function.name</c>, <c>function.arguments</c>.</summary>
    private static bool ReadToolCalls(ref Utf8JsonReader reader, ref SimpleChoice choice)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var fragment = new ToolFragment();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("index"u8))
                {
                    if (!reader.Read() || !reader.TryGetInt32(out int index))
                    {
                        return false;
                    }

                    fragment.Index = index;
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    fragment.Id = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("function"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                    {
                        return false;
                    }

                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("name"u8))
                        {
                            fragment.Name = ReadString(ref reader);
                        }
                        else if (reader.ValueTextEquals("arguments"u8))
                        {
                            fragment.Arguments = ReadString(ref reader);
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

            (choice.ToolCalls ??= []).Add(fragment);
        }

        return true;
    }

    /// <summary>Reads a string or null value.</summary>
    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
    }

    /// <summary>What the hot path found in a chunk's one choice.</summary>
    private struct SimpleChoice
    {
        public string? Content;
        public string? Reasoning;
        public string? Refusal;
        public string? FinishReason;
        public List<ToolFragment>? ToolCalls;
    }

    /// <summary>One tool-call fragment as the hot path read it.</summary>
    private struct ToolFragment
    {
        public int? Index;
        public string? Id;
        public string? Name;
        public string? Arguments;
    }

    /// <summary>Reads one delta: reasoning, text, refusal, tool-call fragments.</summary>
    private void ReadDelta(JsonElement delta)
    {
        if ((delta.Str("reasoning_content") ?? delta.Str("reasoning")) is { Length: > 0 } reasoning)
        {
            AppendText(BlockKind.Reasoning, refusal: false, reasoning);
        }

        if (delta.Str("content") is { Length: > 0 } text)
        {
            AppendText(BlockKind.Text, refusal: false, text);
        }

        if (delta.Str("refusal") is { Length: > 0 } refusal)
        {
            AppendText(BlockKind.Other, refusal: true, refusal);
        }

        foreach (JsonElement fragment in delta.Items("tool_calls"))
        {
            AppendToolCall(fragment);
        }
    }

    /// <summary>Appends to the open text-like block, starting a new block when the kind changes.</summary>
    private void AppendText(BlockKind kind, bool refusal, string text)
    {
        StartMessage(_id, _model);
        if (_textKind != kind || _refusal != refusal)
        {
            CloseText();
            StringBuilder builder = _text = new StringBuilder();
            _textKind = kind;
            _refusal = refusal;
            _textIndex = kind switch
            {
                BlockKind.Text => OpenBlock(new TextBlock(string.Empty), () => new TextBlock(builder.ToString())),
                BlockKind.Reasoning => OpenBlock(new ReasoningBlock(string.Empty), () => new ReasoningBlock(builder.ToString())),
                _ => OpenBlock(Refusal(string.Empty), () => Refusal(builder.ToString())),
            };
        }

        _text.Append(text);
        if (kind == BlockKind.Text)
        {
            Delta(_textIndex, new TextDelta(text));
        }
        else if (kind == BlockKind.Reasoning)
        {
            Delta(_textIndex, new ReasoningDelta(text));
        }
    }

    /// <summary>Finishes the open text-like block, if any.</summary>
    private void CloseText()
    {
        if (_textKind is not null)
        {
            FinishBlock(_textIndex);
            _textKind = null;
        }
    }

    /// <summary>Merges one tool-call fragment read from a document.</summary>
    private void AppendToolCall(JsonElement fragment)
    {
        JsonElement? function = fragment.Obj("function");
        AppendToolCall(fragment.Int("index") ?? _toolBlocks.Count, fragment.NonEmpty("id"), function?.NonEmpty("name"), function?.Str("arguments"));
    }

    /// <summary>Merges one tool-call fragment: id and name open the block, argument slices stream as deltas.</summary>
    private void AppendToolCall(int key, string? id, string? name, string? slice)
    {
        StartMessage(_id, _model);
        if (!_toolBlocks.TryGetValue(key, out int index))
        {
            CloseText();
            var args = new StringBuilder();
            index = OpenBlock(new ToolCallChunkBlock(id, name, string.Empty), () => FinishedCall(id, name, args.ToString()));
            _toolBlocks[key] = index;
            _toolArgs[index] = args;
        }

        if (slice is { Length: > 0 })
        {
            _toolArgs[index].Append(slice);
            Delta(index, new ToolCallDelta(slice));
        }
    }

    /// <summary>Builds a refusal block: DESIGN 3.5 keeps it distinct from text.</summary>
    private static NonStandardBlock Refusal(string text) => new(JsonValues.FromObject(w =>
    {
        w.WriteString("type", "refusal");
        w.WriteString("refusal", text);
    }));

    /// <summary>Normalizes Chat Completions usage; counts the server did not report stay null.</summary>
    /// <param name="usage">The usage object.</param>
    /// <returns>The usage.</returns>
    internal static UsageInfo ReadUsage(JsonElement usage)
    {
        int? input = usage.Int("prompt_tokens");
        int? output = usage.Int("completion_tokens");
        InputTokenDetails? inputDetails = usage.Obj("prompt_tokens_details") is { } p
            ? new InputTokenDetails(p.Int("audio_tokens"), p.Int("cache_write_tokens"), p.Int("cached_tokens"))
            : null;
        OutputTokenDetails? outputDetails = usage.Obj("completion_tokens_details") is { } c
            ? new OutputTokenDetails(c.Int("audio_tokens"), c.Int("reasoning_tokens"))
            : null;
        return new UsageInfo(input, output, usage.Int("total_tokens") ?? (input is null || output is null ? null : input + output), inputDetails, outputDetails);
    }
}
