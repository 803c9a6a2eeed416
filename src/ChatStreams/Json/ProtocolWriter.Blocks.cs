using System;
using System.Text.Json;

namespace ChatStreams;

/// <summary>Writes content blocks.</summary>
internal static partial class ProtocolWriter
{
    /// <summary>Writes one content block.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="block">The block.</param>
    public static void WriteBlock(Utf8JsonWriter writer, ContentBlock block)
    {
        if (block is UnknownBlock unknown)
        {
            unknown.Json.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type", block.Type);
        switch (block)
        {
            case TextBlock text:
                writer.WriteString("text", text.Text);
                WriteOptional(writer, "id", text.Id);
                if (text.Annotations is { } annotations)
                {
                    writer.WriteStartArray("annotations");
                    foreach (JsonElement annotation in annotations)
                    {
                        annotation.WriteTo(writer);
                    }

                    writer.WriteEndArray();
                }

                break;
            case ReasoningBlock reasoning:
                WriteOptional(writer, "reasoning", reasoning.Reasoning);
                WriteOptional(writer, "id", reasoning.Id);
                break;
            case ToolCallChunkBlock chunk:
                WriteNullable(writer, "id", chunk.Id);
                WriteNullable(writer, "name", chunk.Name);
                WriteNullable(writer, "args", chunk.Args);
                break;
            case ToolCallBlock call:
                WriteCall(writer, call.Id, call.Name, call.Args);
                break;
            case InvalidToolCallBlock invalid:
                WriteInvalidCall(writer, invalid);
                break;
            case ServerToolCallChunkBlock serverChunk:
                WriteOptional(writer, "id", serverChunk.Id);
                WriteOptional(writer, "name", serverChunk.Name);
                WriteOptional(writer, "args", serverChunk.Args);
                break;
            case ServerToolCallBlock serverCall:
                WriteCall(writer, serverCall.Id, serverCall.Name, serverCall.Args);
                break;
            case ServerToolResultBlock result:
                writer.WriteString("tool_call_id", result.ToolCallId);
                writer.WriteString("status", result.Status);
                WriteOptional(writer, "id", result.Id);
                if (result.Output is { } output)
                {
                    writer.WritePropertyName("output");
                    output.WriteTo(writer);
                }

                break;
            case MediaBlock media:
                WriteMedia(writer, media);
                break;
            case NonStandardBlock nonStandard:
                writer.WritePropertyName("value");
                WriteElement(writer, nonStandard.Value);
                WriteOptional(writer, "id", nonStandard.Id);
                break;
        }

        WriteBlockIndex(writer, block.Index);
        WriteMapProperty(writer, "extras", block.Extras);
        WriteRest(writer, block.AdditionalProperties);
        writer.WriteEndObject();
    }

    /// <summary>Writes the <c>id</c>, <c>name</c> and object <c>args</c> of a finished call.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="id">The call id.</param>
    /// <param name="name">The tool name.</param>
    /// <param name="args">The arguments.</param>
    public static void WriteCall(Utf8JsonWriter writer, string? id, string name, JsonElement args)
    {
        WriteNullable(writer, "id", id);
        writer.WriteString("name", name);
        writer.WritePropertyName("args");
        if (args.ValueKind == JsonValueKind.Undefined)
        {
            // Tool-call args always serialize as a JSON object (DESIGN 3.5 Values).
            writer.WriteStartObject();
            writer.WriteEndObject();
        }
        else
        {
            args.WriteTo(writer);
        }
    }

    /// <summary>Writes the fields of an invalid call.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="invalid">The call.</param>
    public static void WriteInvalidCall(Utf8JsonWriter writer, InvalidToolCallBlock invalid)
    {
        WriteNullable(writer, "id", invalid.Id);
        WriteNullable(writer, "name", invalid.Name);
        WriteNullable(writer, "args", invalid.Args);
        WriteNullable(writer, "error", invalid.Error);
    }

    /// <summary>Writes the fields media blocks share.</summary>
    private static void WriteMedia(Utf8JsonWriter writer, MediaBlock media)
    {
        WriteOptional(writer, "id", media.Id);
        WriteOptional(writer, "file_id", media.FileId);
        WriteOptional(writer, "url", media.Url);
        WriteOptional(writer, "base64", media.Base64);
        WriteOptional(writer, "data", media.Data);
        WriteOptional(writer, "mime_type", media.MimeType);
        if (media is AudioBlock audio)
        {
            WriteOptional(writer, "transcript", audio.Transcript);
        }
    }

    /// <summary>Writes a block's own index as a number or a string.</summary>
    private static void WriteBlockIndex(Utf8JsonWriter writer, BlockIndex? index)
    {
        if (index is not { } value)
        {
            return;
        }

        if (value.Number is { } number)
        {
            writer.WriteNumber("index", number);
        }
        else
        {
            writer.WriteString("index", value.Name);
        }
    }
}
