using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ChatStreams;

/// <summary>The forward-only hot path of <see cref="OpenAIChatTranslator"/>: most chunks never build a document.</summary>
internal sealed partial class OpenAIChatTranslator
{
    /// <summary>
    /// The hot path: a chunk with one choice whose delta carries only text, reasoning or a refusal (nearly every
    /// chunk) is read in one forward pass, without building a document. Anything else (tool calls, usage,
    /// errors, several choices) returns <see langword="false"/> before emitting anything, for the general path.
    /// </summary>
    private bool TryTranslateSimple(ReadOnlySpan<byte> utf8)
    {
        if (_template.TryMatch(utf8, out string value))
        {
            Repeat(value);
            return true;
        }

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
        Remember(utf8, in choice);
        return true;
    }

    /// <summary>
    /// Remembers a chunk whose one string was a text, reasoning, refusal or argument delta. Everything else the
    /// chunk said (id, model, fingerprint, finish reason) is set-once state that this chunk has just set, so a
    /// chunk identical around that string only needs <see cref="Repeat"/>.
    /// </summary>
    private void Remember(ReadOnlySpan<byte> utf8, in SimpleChoice choice)
    {
        if (choice.Strings != 1 || choice.Slot == Slot.None || choice.ToolCalls is { Count: > 1 })
        {
            return;
        }

        _template.Remember(utf8, choice.HoleStart, choice.HoleEnd);
        _templateSlot = choice.Slot;
        _templateToolIndex = choice.ToolCalls?[0].Index;
    }

    /// <summary>Does what the remembered chunk did, with its string replaced by <paramref name="value"/>.</summary>
    private void Repeat(string value)
    {
        if (value.Length == 0)
        {
            return;
        }

        switch (_templateSlot)
        {
            case Slot.Content:
                AppendText(BlockKind.Text, refusal: false, value);
                break;
            case Slot.Reasoning:
                AppendText(BlockKind.Reasoning, refusal: false, value);
                break;
            case Slot.Refusal:
                AppendText(BlockKind.Other, refusal: true, value);
                break;
            default:
                AppendToolCall(_templateToolIndex ?? _toolBlocks.Count, null, null, value);
                break;
        }
    }

    /// <summary>Reads a string this translator already knows without decoding it again; otherwise decodes it.</summary>
    private static string? ReadKnown(ref Utf8JsonReader reader, string? known)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            // Not a string: step over it whole, so an object's keys are not taken for the chunk's own.
            reader.Skip();
            return null;
        }

        return known is null ? reader.GetString() : null;
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
                    choice.FinishReason = ReadString(ref reader);
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
                choice.Content = ReadString(ref reader, ref choice, Slot.Content);
            }
            else if (reader.ValueTextEquals("reasoning_content"u8) || reader.ValueTextEquals("reasoning"u8))
            {
                choice.Reasoning = ReadString(ref reader, ref choice, Slot.Reasoning) ?? choice.Reasoning;
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                choice.Refusal = ReadString(ref reader, ref choice, Slot.Refusal);
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
                    fragment.Id = ReadString(ref reader, ref choice, Slot.None);
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
                            fragment.Name = ReadString(ref reader, ref choice, Slot.None);
                        }
                        else if (reader.ValueTextEquals("arguments"u8))
                        {
                            fragment.Arguments = ReadString(ref reader, ref choice, Slot.ToolArguments);
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

    /// <summary>Reads a string or null value of the delta, noting where a string lies for <see cref="Remember"/>.</summary>
    private static string? ReadString(ref Utf8JsonReader reader, ref SimpleChoice choice, Slot slot)
    {
        if (ReadString(ref reader) is not { } value)
        {
            return null;
        }

        choice.Strings++;
        choice.Slot = slot;
        choice.HoleStart = (int)reader.TokenStartIndex;
        choice.HoleEnd = (int)reader.BytesConsumed;
        return value;
    }

    /// <summary>Reads a value that should be a string; anything else is stepped over whole and reads as null.</summary>
    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    /// <summary>What the hot path found in a chunk's one choice.</summary>
    private struct SimpleChoice
    {
        public string? Content;
        public string? Reasoning;
        public string? Refusal;
        public string? FinishReason;
        public List<ToolFragment>? ToolCalls;

        /// <summary>How many string values the delta carried.</summary>
        public int Strings;

        /// <summary>What the last string value was.</summary>
        public Slot Slot;

        /// <summary>Where the last string value's token starts.</summary>
        public int HoleStart;

        /// <summary>Where the last string value's token ends.</summary>
        public int HoleEnd;
    }

    /// <summary>What a delta's string value was.</summary>
    private enum Slot
    {
        /// <summary>A tool call's id or name: a chunk with one is not remembered.</summary>
        None,

        /// <summary><c>content</c>.</summary>
        Content,

        /// <summary><c>reasoning_content</c> or <c>reasoning</c>.</summary>
        Reasoning,

        /// <summary><c>refusal</c>.</summary>
        Refusal,

        /// <summary>A tool call's <c>function.arguments</c>.</summary>
        ToolArguments,
    }

    /// <summary>One tool-call fragment as the hot path read it.</summary>
    private struct ToolFragment
    {
        public int? Index;
        public string? Id;
        public string? Name;
        public string? Arguments;
    }
}
