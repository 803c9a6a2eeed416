using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace ChatStreams;

/// <summary>One open Anthropic content block of <see cref="AnthropicTranslator"/>.</summary>
internal sealed partial class AnthropicTranslator
{
    /// <summary>The state of one open Anthropic block and how it finishes.</summary>
    private sealed class BlockBuilder(string type, JsonElement start)
    {
        /// <summary>The streamed text, thinking or JSON input.</summary>
        private readonly StringBuilder _text = new();

        /// <summary>The citations received for a text block.</summary>
        private List<JsonElement>? _citations;

        /// <summary>The thinking signature.</summary>
        private string? _signature;

        /// <summary>Gets or sets the protocol wire index.</summary>
        public int WireIndex { get; set; }

        /// <summary>Appends a text, thinking or tool-input slice, emitting the protocol delta it maps to.</summary>
        /// <param name="translator">The translator.</param>
        /// <param name="kind">The wire delta type: <c>text_delta</c>, <c>thinking_delta</c> or <c>input_json_delta</c>.</param>
        /// <param name="slice">The slice; an empty one changes nothing.</param>
        public void AppendDelta(AnthropicTranslator translator, string kind, string slice)
        {
            if (slice.Length == 0)
            {
                return;
            }

            _text.Append(slice);
            if (kind == "input_json_delta")
            {
                // Only client tool calls stream arguments to the protocol; a server tool's input just accumulates.
                if (type == "tool_use")
                {
                    translator.Delta(WireIndex, new ToolCallDelta(slice));
                }

                return;
            }

            translator.Delta(WireIndex, kind == "thinking_delta" ? new ReasoningDelta(slice) : new TextDelta(slice));
        }

        /// <summary>Applies one delta, emitting the protocol delta it maps to.</summary>
        public void Apply(AnthropicTranslator translator, JsonElement delta)
        {
            switch (delta.Str("type"))
            {
                case "text_delta" when delta.Str("text") is { } text:
                    AppendDelta(translator, "text_delta", text);
                    break;
                case "thinking_delta" when delta.Str("thinking") is { } thinking:
                    AppendDelta(translator, "thinking_delta", thinking);
                    break;
                case "signature_delta":
                    _signature = delta.Str("signature") ?? _signature;
                    break;
                case "input_json_delta" when delta.Str("partial_json") is { } json:
                    AppendDelta(translator, "input_json_delta", json);
                    break;
                case "citations_delta" when delta.Obj("citation") is { } citation:
                    (_citations ??= []).Add(Citation(citation));
                    break;
            }
        }

        /// <summary>Builds the finished block from what streamed.</summary>
        public ContentBlock Build() => type switch
        {
            "text" => new TextBlock(_text.ToString()) { Annotations = _citations?.ToArray() },
            "thinking" => new ReasoningBlock(_text.ToString()) { Extras = Extras("signature", _signature ?? start.NonEmpty("signature")) },
            "redacted_thinking" => new ReasoningBlock(null) { Extras = Extras("data", start.Str("data")) },
            "tool_use" => FinishedCall(start.NonEmpty("id"), start.NonEmpty("name"), _text.ToString()),
            "server_tool_use" => ServerCall(),
            _ when type.EndsWith("_tool_result", StringComparison.Ordinal) => ServerResult(),
            _ => new NonStandardBlock(start),
        };

        /// <summary>A server call: parsed input, or an invalid call.</summary>
        private ContentBlock ServerCall()
        {
            string args = _text.ToString();
            return ToolCallArguments.TryParse(args, out JsonElement parsed, out string? error)
                ? new ServerToolCallBlock(start.NonEmpty("id"), start.NonEmpty("name") ?? string.Empty, parsed)
                : new InvalidToolCallBlock(start.NonEmpty("id"), start.NonEmpty("name"), args, error);
        }

        /// <summary>A server tool's result, delivered whole in the start event; <c>*_error</c> content means status <c>error</c>.</summary>
        private ServerToolResultBlock ServerResult()
        {
            JsonElement? content = start.Has("content", out JsonElement c) ? c : null;
            bool failed = content is { ValueKind: JsonValueKind.Object } o && o.Str("type") is { } t && t.EndsWith("_error", StringComparison.Ordinal);
            return new ServerToolResultBlock(start.Str("tool_use_id") ?? string.Empty, failed ? "error" : "success")
            {
                Output = content,
                Extras = Extras("type", type),
            };
        }

        /// <summary>Maps an Anthropic citation to the protocol's citation annotation, keeping the original in extras.</summary>
        private static JsonElement Citation(JsonElement citation) => JsonValues.FromObject(w =>
        {
            w.WriteString("type", "citation");
            foreach ((string from, string to) in (ReadOnlySpan<(string, string)>)[("url", "url"), ("title", "title"), ("cited_text", "cited_text")])
            {
                if (citation.Str(from) is { } value)
                {
                    w.WriteString(to, value);
                }
            }

            w.WritePropertyName("extras");
            citation.WriteTo(w);
        });

        /// <summary>A one-entry extras object, or <see langword="null"/> when the value is missing.</summary>
        private static Dictionary<string, JsonElement>? Extras(string key, string? value) =>
            value is null ? null : new(StringComparer.Ordinal) { [key] = JsonValues.FromString(value) };
    }
}
