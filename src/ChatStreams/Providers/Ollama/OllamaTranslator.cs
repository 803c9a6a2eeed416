using System;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace ChatStreams;

/// <summary>
/// Translates Ollama <c>/api/chat</c> lines: <c>message.thinking</c> as reasoning, <c>message.content</c> as text,
/// tool calls that arrive whole (an id is synthesized when absent). The body is complete at the <c>done:true</c> line.
/// </summary>
internal sealed class OllamaTranslator : WireTranslator
{
    /// <summary>The text of the open text or reasoning block.</summary>
    private StringBuilder _text = new();

    /// <summary>The kind of the open block, or <see langword="null"/>.</summary>
    private BlockKind? _openKind;

    /// <summary>The wire index of the open block.</summary>
    private int _openIndex;

    /// <summary>The model.</summary>
    private string? _model;

    /// <summary>The done reason.</summary>
    private string? _doneReason;

    /// <summary>The usage of the final line.</summary>
    private UsageInfo? _usage;

    /// <summary>Initializes the translator.</summary>
    /// <param name="provider">The provider name.</param>
    /// <param name="apiKey">The key to redact.</param>
    public OllamaTranslator(string provider, string? apiKey)
        : base(provider, apiKey)
    {
    }

    /// <inheritdoc/>
    public override string TerminalDescription => "a line with \"done\":true";

    /// <inheritdoc/>
    public override void Translate(WireMessage message)
    {
        JsonElement line = message.Json;
        if (line.Has("error", out _))
        {
            throw StreamError(line);
        }

        _model ??= line.NonEmpty("model");
        StartMessage(null, _model);
        if (line.Obj("message") is { } chat)
        {
            Append(BlockKind.Reasoning, chat.Str("thinking"));
            Append(BlockKind.Text, chat.Str("content"));
            foreach (JsonElement call in chat.Items("tool_calls"))
            {
                AddCall(call);
            }
        }

        if (line.Bool("done") == true)
        {
            _doneReason = line.NonEmpty("done_reason");
            int? input = line.Int("prompt_eval_count");
            int? output = line.Int("eval_count");
            _usage = input is null && output is null ? null : new UsageInfo(input, output, WireJson.Sum(input, output));
            IsTerminated = true;
        }
    }

    /// <inheritdoc/>
    public override void Complete()
    {
        StartMessage(null, _model);
        CloseText();
        FinishMessage(_usage, _doneReason, "done_reason");
    }

    /// <summary>Appends thinking or content, opening a new block when the kind changes.</summary>
    private void Append(BlockKind kind, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (_openKind != kind)
        {
            CloseText();
            _text = new StringBuilder();
            _openKind = kind;
            _openIndex = OpenBlock(kind == BlockKind.Text ? new TextBlock(string.Empty) : new ReasoningBlock(string.Empty), Current);
        }

        _text.Append(text);
        Delta(_openIndex, kind == BlockKind.Text ? new TextDelta(text) : new ReasoningDelta(text));
    }

    /// <summary>Emits a whole tool call as one block.</summary>
    private void AddCall(JsonElement call)
    {
        CloseText();
        JsonElement? function = call.Obj("function");
        string id = call.NonEmpty("id") ?? "call_" + Guid.NewGuid().ToString("N")[..24];
        string? name = function?.NonEmpty("name");

        // Arguments arrive as an object; some servers send them as a JSON string.
        string args = function is { } f && f.Has("arguments", out JsonElement a)
            ? a.ValueKind == JsonValueKind.String ? a.GetString()! : JsonValues.Compact(a)
            : "{}";
        int index = OpenBlock(new ToolCallChunkBlock(id, name, string.Empty), () => FinishedCall(id, name, args));
        Delta(index, new ToolCallDelta(args));
        FinishBlock(index);
    }

    /// <summary>Finishes the open text or reasoning block.</summary>
    private void CloseText()
    {
        if (_openKind is not null)
        {
            FinishBlock(_openIndex, Current());
            _openKind = null;
        }
    }

    /// <summary>The open block's final form.</summary>
    private ContentBlock Current() => _openKind == BlockKind.Reasoning ? new ReasoningBlock(_text.ToString()) : new TextBlock(_text.ToString());
}
