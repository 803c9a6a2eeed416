using System;
using System.Text.Json;

namespace ChatStreams;

/// <summary>The forward-only hot path of <see cref="OpenAIResponsesTranslator"/>: text, reasoning and argument deltas never build a document.</summary>
internal sealed partial class OpenAIResponsesTranslator
{
    /// <summary>The delta events the hot path reads.</summary>
    private enum DeltaKind
    {
        None,
        Text,
        Reasoning,
        Arguments,
    }

    /// <summary>
    /// Reads <c>response.output_text.delta</c>, <c>response.reasoning_summary_text.delta</c>,
    /// <c>response.reasoning_text.delta</c> and <c>response.function_call_arguments.delta</c> in one forward pass;
    /// any other event returns <see langword="false"/> before emitting anything, for the general path.
    /// </summary>
    private bool TryTranslateDelta(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        DeltaKind kind = DeltaKind.None;
        string? itemId = null, delta = null;
        int contentIndex = 0;
        int? summaryIndex = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                kind = reader.TokenType != JsonTokenType.String ? DeltaKind.None
                    : reader.ValueTextEquals("response.output_text.delta"u8) ? DeltaKind.Text
                    : reader.ValueTextEquals("response.reasoning_summary_text.delta"u8) || reader.ValueTextEquals("response.reasoning_text.delta"u8) ? DeltaKind.Reasoning
                    : reader.ValueTextEquals("response.function_call_arguments.delta"u8) ? DeltaKind.Arguments
                    : DeltaKind.None;
                if (kind == DeltaKind.None)
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("item_id"u8))
            {
                reader.Read();
                itemId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                delta = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("content_index"u8))
            {
                if (!reader.Read() || !reader.TryGetInt32(out contentIndex))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("summary_index"u8))
            {
                if (!reader.Read() || !reader.TryGetInt32(out int index))
                {
                    return false;
                }

                summaryIndex = index;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.Read() || kind == DeltaKind.None)
        {
            return false;
        }

        switch (kind)
        {
            case DeltaKind.Text:
                Append(GetPart(itemId, contentIndex, PartKind.Text), delta);
                break;
            case DeltaKind.Reasoning:
                AppendReasoning(itemId, summaryIndex ?? contentIndex, delta);
                break;
            default:
                if (itemId is not null && _parts.TryGetValue(itemId, out Part? call))
                {
                    Append(call, delta);
                }

                break;
        }

        return true;
    }
}
