using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace ChatStreams;

/// <summary>
/// Translates Gemini <c>GenerateContentResponse</c> chunks: thought parts as reasoning, text, whole function
/// calls (given a synthesized id, as Gemini sends none), thought signatures kept with their part, cumulative usage.
/// The body is complete after the chunk that carries <c>finishReason</c>; usage keeps updating to the end.
/// </summary>
internal sealed class GeminiTranslator : WireTranslator
{
    /// <summary>The text of the open text or reasoning block.</summary>
    private StringBuilder _text = new();

    /// <summary>The kind of the open block, or <see langword="null"/>.</summary>
    private BlockKind? _openKind;

    /// <summary>The wire index of the open block.</summary>
    private int _openIndex;

    /// <summary>The thought signature of the open block.</summary>
    private string? _openSignature;

    /// <summary>The response id.</summary>
    private string? _id;

    /// <summary>The model version.</summary>
    private string? _model;

    /// <summary>The finish reason.</summary>
    private string? _finishReason;

    /// <summary>The finish message, kept in metadata.</summary>
    private string? _finishMessage;

    /// <summary>The last usage metadata (cumulative).</summary>
    private JsonElement? _usage;

    /// <summary>Initializes the translator.</summary>
    /// <param name="provider">The provider name.</param>
    /// <param name="apiKey">The key to redact.</param>
    public GeminiTranslator(string provider, string? apiKey)
        : base(provider, apiKey)
    {
    }

    /// <inheritdoc/>
    public override string TerminalDescription => "a chunk with finishReason";

    /// <inheritdoc/>
    public override void Translate(WireMessage message)
    {
        if (message.IsDone)
        {
            return;
        }

        JsonElement chunk = message.Json.ValueKind == JsonValueKind.Array && message.Json.GetArrayLength() > 0 ? message.Json[0] : message.Json;
        if (chunk.Has("error", out _))
        {
            throw StreamError(chunk);
        }

        _id ??= chunk.NonEmpty("responseId");
        _model ??= chunk.NonEmpty("modelVersion");
        _usage = chunk.Obj("usageMetadata")?.Clone() ?? _usage;
        if (_id is not null)
        {
            StartMessage(_id, _model);
        }

        foreach (JsonElement candidate in chunk.Items("candidates"))
        {
            if (candidate.Int("index") is > 0)
            {
                continue;
            }

            foreach (JsonElement part in candidate.Obj("content")?.Items("parts") ?? default)
            {
                ReadPart(part);
            }

            if (candidate.NonEmpty("finishReason") is { } reason)
            {
                _finishReason = reason;
                _finishMessage = candidate.Str("finishMessage");
                IsTerminated = true;
            }
        }

        // A blocked prompt has no candidates, only the reason it was blocked.
        if (chunk.Obj("promptFeedback")?.NonEmpty("blockReason") is { } blocked)
        {
            _finishReason ??= blocked;
            IsTerminated = true;
        }
    }

    /// <inheritdoc/>
    public override void TranslateAfterTerminal(WireMessage message)
    {
        if (message.HasJson && message.Json.Obj("usageMetadata") is { } usage)
        {
            _usage = usage.Clone();
        }
    }

    /// <inheritdoc/>
    public override void Complete()
    {
        StartMessage(_id, _model);
        CloseText();
        Dictionary<string, JsonElement>? extra = _finishMessage is null
            ? null
            : new(StringComparer.Ordinal) { ["finish_message"] = JsonValues.FromString(_finishMessage) };
        FinishMessage(Usage(), _finishReason, "finish_reason", extra);
    }

    /// <summary>Reads one part: a thought, text, a function call or inline media.</summary>
    private void ReadPart(JsonElement part)
    {
        StartMessage(_id, _model);
        string? signature = part.NonEmpty("thoughtSignature");
        if (part.Obj("functionCall") is { } call)
        {
            CloseText();
            string id = call.NonEmpty("id") ?? "call_" + Guid.NewGuid().ToString("N")[..24];
            string? name = call.NonEmpty("name");
            string args = call.Has("args", out JsonElement a) ? JsonValues.Compact(a) : "{}";
            int index = OpenBlock(new ToolCallChunkBlock(id, name, string.Empty), () => FinishedCall(id, name, args));
            Delta(index, new ToolCallDelta(args));
            ContentBlock finished = FinishedCall(id, name, args);
            FinishBlock(index, signature is null ? finished : finished with { Extras = Signature(signature) });
            return;
        }

        if (part.Obj("inlineData") is { } inline)
        {
            CloseText();
            MediaBlock media = Media(inline.Str("mimeType"));
            media = media with { Base64 = inline.Str("data"), MimeType = inline.Str("mimeType") };
            int index = OpenBlock(media, () => media);
            FinishBlock(index);
            return;
        }

        if (part.Str("text") is not { } text)
        {
            return;
        }

        if (text.Length == 0 && signature is null)
        {
            return;
        }

        BlockKind kind = part.Bool("thought") == true ? BlockKind.Reasoning : BlockKind.Text;
        if (_openKind != kind && (text.Length > 0 || _openKind is null))
        {
            CloseText();
            _text = new StringBuilder();
            _openKind = kind;
            _openIndex = OpenBlock(kind == BlockKind.Text ? new TextBlock(string.Empty) : new ReasoningBlock(string.Empty), () => TextBlockNow());
        }

        // A signature on an empty part belongs with the block it follows.
        _openSignature = signature ?? _openSignature;
        if (text.Length > 0)
        {
            _text.Append(text);
            Delta(_openIndex, _openKind == BlockKind.Text ? new TextDelta(text) : new ReasoningDelta(text));
        }
    }

    /// <summary>Finishes the open text or reasoning block.</summary>
    private void CloseText()
    {
        if (_openKind is not null)
        {
            FinishBlock(_openIndex, TextBlockNow());
            _openKind = null;
            _openSignature = null;
        }
    }

    /// <summary>Builds the open block's final form, its signature in extras.</summary>
    private ContentBlock TextBlockNow()
    {
        ContentBlock block = _openKind == BlockKind.Reasoning ? new ReasoningBlock(_text.ToString()) : new TextBlock(_text.ToString());
        return _openSignature is null ? block : block with { Extras = Signature(_openSignature) };
    }

    /// <summary>Normalizes the last usage: output counts candidates and thoughts together (INDEX.md).</summary>
    private UsageInfo? Usage()
    {
        if (_usage is not { } u)
        {
            return null;
        }

        int? thoughts = u.Int("thoughtsTokenCount");
        int? cached = u.Int("cachedContentTokenCount");
        return new UsageInfo(
            u.Int("promptTokenCount"),
            WireJson.Sum(u.Int("candidatesTokenCount"), thoughts),
            u.Int("totalTokenCount"),
            cached is null ? null : new InputTokenDetails(CacheRead: cached),
            thoughts is null ? null : new OutputTokenDetails(Reasoning: thoughts));
    }

    /// <summary>A media block of the right type for a MIME type.</summary>
    private static MediaBlock Media(string? mimeType) => mimeType switch
    {
        not null when mimeType.StartsWith("image/", StringComparison.Ordinal) => new ImageBlock(),
        not null when mimeType.StartsWith("audio/", StringComparison.Ordinal) => new AudioBlock(),
        not null when mimeType.StartsWith("video/", StringComparison.Ordinal) => new VideoBlock(),
        _ => new FileBlock(),
    };

    /// <summary>The extras holding a thought signature.</summary>
    private static Dictionary<string, JsonElement> Signature(string signature) =>
        new(StringComparer.Ordinal) { ["signature"] = JsonValues.FromString(signature) };
}
