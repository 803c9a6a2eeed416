using System;
using System.Text.Json;

namespace ChatStreams;

/// <summary>Writes protocol events and deltas in the Python protocol's snake_case wire shape.</summary>
internal static partial class ProtocolWriter
{
    /// <summary>Writes one event object.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="streamEvent">The event.</param>
    public static void WriteEvent(Utf8JsonWriter writer, StreamEvent streamEvent)
    {
        if (streamEvent is UnknownEvent unknown)
        {
            unknown.Json.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("event", streamEvent.EventType);
        switch (streamEvent)
        {
            case MessageStartEvent start:
                writer.WriteString("role", start.Role);
                writer.WriteString("id", start.Id ?? string.Empty);
                if (start.Metadata is { } metadata)
                {
                    writer.WritePropertyName("metadata");
                    WriteMetadata(writer, metadata);
                }

                WriteUsageProperty(writer, "usage", start.Usage);
                break;
            case ContentBlockStartEvent blockStart:
                writer.WriteNumber("index", blockStart.Index);
                writer.WritePropertyName("content");
                WriteBlock(writer, blockStart.Content);
                break;
            case ContentBlockDeltaEvent delta:
                WriteIndex(writer, delta.Index);
                if (delta.Delta is LegacyBlockDelta legacy)
                {
                    // The legacy slice has no current-shape equivalent, so it is written as it came.
                    writer.WritePropertyName("content_block");
                    WriteBlock(writer, legacy.Block);
                }
                else
                {
                    writer.WritePropertyName("delta");
                    WriteDelta(writer, delta.Delta);
                }

                break;
            case ContentBlockFinishEvent finish:
                WriteIndex(writer, finish.Index);
                writer.WritePropertyName("content");
                WriteBlock(writer, finish.Content);
                break;
            case MessageFinishEvent messageFinish:
                WriteUsageProperty(writer, "usage", messageFinish.Usage);
                if (messageFinish.FinishReason is { } reason)
                {
                    // LangChain.js reads the finish reason from `reason` (DESIGN 3.5 JSON).
                    writer.WriteString("finish_reason", reason);
                    writer.WriteString("reason", reason);
                }

                WriteMapProperty(writer, "metadata", messageFinish.Metadata);
                break;
            case UsageEvent usage:
                WriteUsageProperty(writer, "usage", usage.Usage);
                break;
            case ProviderEvent provider:
                writer.WriteString("provider", provider.Provider);
                writer.WriteString("name", provider.Name);
                writer.WritePropertyName("payload");
                WriteElement(writer, provider.Payload);
                break;
            case ErrorEvent error:
                writer.WriteString("message", error.Message);
                WriteOptional(writer, "code", error.Code);
                break;
        }

        WriteRest(writer, streamEvent.AdditionalProperties);
        writer.WriteEndObject();
    }

    /// <summary>Writes one delta object.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="delta">The delta.</param>
    public static void WriteDelta(Utf8JsonWriter writer, ContentBlockDelta delta)
    {
        switch (delta)
        {
            case UnknownDelta unknown:
                unknown.Json.WriteTo(writer);
                return;
            case LegacyBlockDelta legacy:
                WriteBlock(writer, legacy.Block);
                return;
        }

        writer.WriteStartObject();
        writer.WriteString("type", delta.Type);
        switch (delta)
        {
            case TextDelta text:
                writer.WriteString("text", text.Text);
                break;
            case ReasoningDelta reasoning:
                writer.WriteString("reasoning", reasoning.Reasoning);
                break;
            case ToolCallDelta toolCall:
                writer.WriteString("args", toolCall.Args);
                break;
            case DataDelta data:
                writer.WriteString("data", data.Data);
                WriteOptional(writer, "encoding", data.Encoding);
                break;
            case BlockDelta block:
                writer.WritePropertyName("fields");
                block.Fields.WriteTo(writer);
                break;
        }

        WriteRest(writer, delta.AdditionalProperties);
        writer.WriteEndObject();
    }

    /// <summary>Writes a usage object, omitting counts that were not reported.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="usage">The usage.</param>
    public static void WriteUsage(Utf8JsonWriter writer, UsageInfo usage)
    {
        writer.WriteStartObject();
        WriteOptional(writer, "input_tokens", usage.InputTokens);
        WriteOptional(writer, "output_tokens", usage.OutputTokens);
        WriteOptional(writer, "total_tokens", usage.TotalTokens);
        if (usage.InputTokenDetails is { } input)
        {
            writer.WriteStartObject("input_token_details");
            WriteOptional(writer, "audio", input.Audio);
            WriteOptional(writer, "cache_creation", input.CacheCreation);
            WriteOptional(writer, "cache_read", input.CacheRead);
            WriteRest(writer, input.AdditionalProperties);
            writer.WriteEndObject();
        }

        if (usage.OutputTokenDetails is { } output)
        {
            writer.WriteStartObject("output_token_details");
            WriteOptional(writer, "audio", output.Audio);
            WriteOptional(writer, "reasoning", output.Reasoning);
            WriteRest(writer, output.AdditionalProperties);
            writer.WriteEndObject();
        }

        WriteRest(writer, usage.AdditionalProperties);
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>message-start</c> metadata.</summary>
    private static void WriteMetadata(Utf8JsonWriter writer, MessageMetadata metadata)
    {
        writer.WriteStartObject();
        WriteOptional(writer, "provider", metadata.Provider);
        WriteOptional(writer, "model", metadata.Model);
        WriteOptional(writer, "model_type", metadata.ModelType);
        WriteOptional(writer, "run_id", metadata.RunId);
        WriteOptional(writer, "thread_id", metadata.ThreadId);
        WriteOptional(writer, "system_fingerprint", metadata.SystemFingerprint);
        WriteOptional(writer, "service_tier", metadata.ServiceTier);
        WriteRest(writer, metadata.AdditionalProperties);
        writer.WriteEndObject();
    }

    /// <summary>Writes a usage property when there is usage.</summary>
    private static void WriteUsageProperty(Utf8JsonWriter writer, string name, UsageInfo? usage)
    {
        if (usage is not null)
        {
            writer.WritePropertyName(name);
            WriteUsage(writer, usage);
        }
    }

    /// <summary>Writes an event's wire index when there is one.</summary>
    private static void WriteIndex(Utf8JsonWriter writer, int? index)
    {
        if (index is { } value)
        {
            writer.WriteNumber("index", value);
        }
    }
}
