using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace ChatStreams;

/// <summary>
/// Translates OpenAI Responses events: one block per output item (per content part for messages), reasoning
/// summaries and <c>reasoning_text</c>, function calls keyed by item id and surfaced by <c>call_id</c>, usage on the
/// terminal event. The body is complete at <c>response.completed</c>, <c>response.incomplete</c> or
/// <c>response.failed</c> (which throws).
/// </summary>
internal sealed partial class OpenAIResponsesTranslator : WireTranslator
{
    /// <summary>The open blocks by item id (and content index for message parts).</summary>
    private readonly Dictionary<string, Part> _parts = new(StringComparer.Ordinal);

    /// <summary>The response id.</summary>
    private string? _id;

    /// <summary>The model.</summary>
    private string? _model;

    /// <summary>The usage of the terminal event.</summary>
    private UsageInfo? _usage;

    /// <summary>The raw finish: the response status, or the reason it is incomplete.</summary>
    private string? _status;

    /// <summary>Initializes the translator.</summary>
    /// <param name="provider">The provider name.</param>
    /// <param name="apiKey">The key to redact.</param>
    public OpenAIResponsesTranslator(string provider, string? apiKey)
        : base(provider, apiKey)
    {
    }

    /// <inheritdoc/>
    public override string TerminalDescription => "response.completed, response.incomplete or response.failed";

    /// <inheritdoc/>
    public override void Translate(WireMessage message)
    {
        if (message.IsDone)
        {
            return;
        }

        if (UseHotPath && TryTranslateDelta(message.Utf8))
        {
            return;
        }

        JsonElement e = message.Json;
        switch (e.Str("type"))
        {
            case "response.created" or "response.in_progress" when e.Obj("response") is { } response:
                _id ??= response.NonEmpty("id");
                _model ??= response.NonEmpty("model");
                StartMessage(_id, _model);
                break;
            case "response.output_item.added" when e.Obj("item") is { } item:
                AddItem(item);
                break;
            case "response.content_part.added" when e.Obj("part") is { } part:
                GetPart(e.Str("item_id"), e.Int("content_index"), part.Str("type") == "refusal" ? PartKind.Refusal : PartKind.Text);
                break;
            case "response.output_text.delta":
                Append(GetPart(e.Str("item_id"), e.Int("content_index"), PartKind.Text), e.Str("delta"));
                break;
            case "response.refusal.delta":
                Append(GetPart(e.Str("item_id"), e.Int("content_index"), PartKind.Refusal), e.Str("delta"));
                break;
            case "response.output_text.annotation.added" when e.Obj("annotation") is { } annotation:
                (GetPart(e.Str("item_id"), e.Int("content_index"), PartKind.Text).Annotations ??= []).Add(annotation.Clone());
                break;
            case "response.reasoning_summary_text.delta" or "response.reasoning_text.delta":
                AppendReasoning(e.Str("item_id"), e.Int("summary_index") ?? e.Int("content_index") ?? 0, e.Str("delta"));
                break;
            case "response.function_call_arguments.delta" when e.Str("item_id") is { } itemId && _parts.TryGetValue(itemId, out Part? call):
                Append(call, e.Str("delta"));
                break;
            case "response.function_call_arguments.done" when e.Str("item_id") is { } itemId && _parts.TryGetValue(itemId, out Part? call):
                // The done event repeats the whole arguments: they are authoritative.
                call.Authoritative = e.Str("arguments");
                break;
            case "response.output_text.done" when _parts.TryGetValue(PartKey(e.Str("item_id"), e.Int("content_index")), out Part? text):
                text.Authoritative = e.Str("text");
                break;
            case "response.output_item.done" when e.Obj("item") is { } item:
                FinishItem(item);
                break;
            case "response.completed" or "response.incomplete" when e.Obj("response") is { } response:
                Terminate(response);
                break;
            case "response.failed":
                throw StreamError(e.Obj("response") is { } failed && failed.Obj("error") is { } error ? Wrap(error) : e);
            case "error":
                throw StreamError(e);
        }
    }

    /// <inheritdoc/>
    public override void Complete()
    {
        StartMessage(_id, _model);
        FinishMessage(_usage, _status, "status");
    }

    /// <summary>Opens the block of a new output item; message parts open with their first content.</summary>
    private void AddItem(JsonElement item)
    {
        StartMessage(_id, _model);
        string? id = item.Str("id");
        switch (item.Str("type"))
        {
            case "reasoning":
                var reasoning = new Part(PartKind.Reasoning);
                reasoning.Index = OpenBlock(new ReasoningBlock(string.Empty), () => reasoning.Finish(null));
                _parts[id ?? $"reasoning#{_parts.Count}"] = reasoning;
                break;
            case "function_call":
                var call = new Part(PartKind.Call) { CallId = item.NonEmpty("call_id") ?? id, Name = item.NonEmpty("name") };
                call.Index = OpenBlock(new ToolCallChunkBlock(call.CallId, call.Name, string.Empty), () => call.Finish(null));
                _parts[id ?? $"call#{_parts.Count}"] = call;
                if (item.Str("arguments") is { Length: > 0 } args)
                {
                    Append(call, args);
                }

                break;
        }
    }

    /// <summary>Finishes an output item: its parts, or the item itself for tools and unknown types.</summary>
    private void FinishItem(JsonElement item)
    {
        string? id = item.Str("id");
        switch (item.Str("type"))
        {
            case "message":
                foreach ((string key, Part part) in new List<KeyValuePair<string, Part>>(_parts))
                {
                    if (key.StartsWith(id + "#", StringComparison.Ordinal))
                    {
                        _parts.Remove(key);
                        FinishBlock(part.Index, part.Finish(null));
                    }
                }

                break;
            case "reasoning" or "function_call" when id is not null && _parts.Remove(id, out Part? open):
                FinishBlock(open.Index, open.Finish(item));
                break;
            case "reasoning" or "function_call":
                break;
            default:
                // Hosted tools (web search, file search, …) and future item types stay visible, verbatim.
                JsonElement kept = item.Clone();
                int index = OpenBlock(new NonStandardBlock(kept), () => new NonStandardBlock(kept));
                FinishBlock(index);
                break;
        }
    }

    /// <summary>Records the terminal event's usage and status.</summary>
    private void Terminate(JsonElement response)
    {
        _id ??= response.NonEmpty("id");
        _model ??= response.NonEmpty("model");
        _status = response.Obj("incomplete_details")?.NonEmpty("reason") ?? response.NonEmpty("status");
        if (response.Obj("usage") is { } usage)
        {
            int? input = usage.Int("input_tokens");
            int? output = usage.Int("output_tokens");
            _usage = new UsageInfo(
                input,
                output,
                usage.Int("total_tokens") ?? WireJson.Sum(input, output),
                usage.Obj("input_tokens_details") is { } i ? new InputTokenDetails(CacheRead: i.Int("cached_tokens")) : null,
                usage.Obj("output_tokens_details") is { } o ? new OutputTokenDetails(Reasoning: o.Int("reasoning_tokens")) : null);
        }

        IsTerminated = true;
    }

    /// <summary>Returns the part of a message item, opening its block on first sight.</summary>
    private Part GetPart(string? itemId, int? contentIndex, PartKind kind)
    {
        string key = PartKey(itemId, contentIndex);
        if (!_parts.TryGetValue(key, out Part? part))
        {
            StartMessage(_id, _model);
            part = new Part(kind);
            Part captured = part;
            part.Index = kind == PartKind.Refusal
                ? OpenBlock(new NonStandardBlock(RefusalValue(string.Empty)), () => captured.Finish(null))
                : OpenBlock(new TextBlock(string.Empty), () => captured.Finish(null));
            _parts[key] = part;
        }

        return part;
    }

    /// <summary>Appends reasoning; a new summary part starts after a blank line, as INDEX.md joins them.</summary>
    private void AppendReasoning(string? itemId, int section, string? delta)
    {
        if (itemId is null || !_parts.TryGetValue(itemId, out Part? reasoning))
        {
            return;
        }

        if (section != reasoning.Section && reasoning.Text.Length > 0)
        {
            Append(reasoning, "\n\n");
        }

        reasoning.Section = section;
        Append(reasoning, delta);
    }

    /// <summary>Appends to a part and emits the matching delta.</summary>
    private void Append(Part part, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        part.Text.Append(text);
        switch (part.Kind)
        {
            case PartKind.Text:
                Delta(part.Index, new TextDelta(text));
                break;
            case PartKind.Reasoning:
                Delta(part.Index, new ReasoningDelta(text));
                break;
            case PartKind.Call:
                Delta(part.Index, new ToolCallDelta(text));
                break;
        }
    }

    /// <summary>The key of a message part.</summary>
    private static string PartKey(string? itemId, int? contentIndex) => $"{itemId}#{contentIndex ?? 0}";

    /// <summary>Wraps <c>response.error</c> so it reads like an error event.</summary>
    private static JsonElement Wrap(JsonElement error) => JsonValues.FromObject(w =>
    {
        w.WritePropertyName("error");
        error.WriteTo(w);
    });

    /// <summary>A refusal value.</summary>
    private static JsonElement RefusalValue(string text) => JsonValues.FromObject(w =>
    {
        w.WriteString("type", "refusal");
        w.WriteString("refusal", text);
    });

    /// <summary>What a part holds.</summary>
    private enum PartKind
    {
        Text,
        Refusal,
        Reasoning,
        Call,
    }

    /// <summary>One open block: a message part, a reasoning item or a function call.</summary>
    private sealed class Part(PartKind kind)
    {
        public PartKind Kind { get; } = kind;

        public int Index { get; set; }

        public StringBuilder Text { get; } = new();

        public string? Authoritative { get; set; }

        public List<JsonElement>? Annotations { get; set; }

        public int Section { get; set; }

        public string? CallId { get; init; }

        public string? Name { get; init; }

        /// <summary>Builds the finished block; <paramref name="item"/> is the item of <c>output_item.done</c>, when it came.</summary>
        public ContentBlock Finish(JsonElement? item)
        {
            string text = Authoritative ?? Text.ToString();
            switch (Kind)
            {
                case PartKind.Text:
                    return new TextBlock(text) { Annotations = Annotations?.ToArray() };
                case PartKind.Refusal:
                    return new NonStandardBlock(RefusalValue(text));
                case PartKind.Reasoning:
                    var extras = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                    if (item?.Str("encrypted_content") is { } encrypted)
                    {
                        extras["encrypted_content"] = JsonValues.FromString(encrypted);
                    }

                    if (item?.Str("id") is { } id)
                    {
                        extras["id"] = JsonValues.FromString(id);
                    }

                    return new ReasoningBlock(text) { Extras = extras.Count == 0 ? null : extras };
                default:
                    string args = item?.Str("arguments") ?? text;
                    ContentBlock call = FinishedCall(CallId, Name, args);
                    return item?.Str("id") is { } itemId ? call with { Extras = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["item_id"] = JsonValues.FromString(itemId) } } : call;
            }
        }
    }
}
