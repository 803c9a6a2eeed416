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
internal sealed partial class OpenAIChatTranslator : WireTranslator
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

    /// <summary>The last chunk read in full that carried one delta string, for the hot path.</summary>
    private readonly ChunkTemplate _template = new();

    /// <summary>What the remembered chunk's string was.</summary>
    private Slot _templateSlot;

    /// <summary>The remembered chunk's <c>tool_calls[].index</c>, when its string was an argument slice.</summary>
    private int? _templateToolIndex;

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

        if (UseHotPath && TryTranslateSimple(message.Utf8))
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
