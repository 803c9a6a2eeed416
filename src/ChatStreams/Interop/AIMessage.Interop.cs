using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>Conversions to Microsoft.Extensions.AI's vocabulary.</summary>
public sealed partial class AIMessage
{
    /// <summary>Converts the message to an assistant <see cref="ChatMessage"/>.</summary>
    /// <returns>
    /// A message whose contents follow <see cref="Content"/>: text as <see cref="TextContent"/>, reasoning as
    /// <see cref="TextReasoningContent"/> (a signature becomes its <see cref="TextReasoningContent.ProtectedData"/>),
    /// tool calls as <see cref="FunctionCallContent"/> (invalid ones carry the parse error as their exception),
    /// media as <see cref="UriContent"/> or <see cref="DataContent"/>. <see cref="ChatMessage.RawRepresentation"/> is this message.
    /// </returns>
    public ChatMessage ToChatMessage()
    {
        var contents = new List<AIContent>(Content.Count + ToolCalls.Count);
        var calls = new HashSet<string>(StringComparer.Ordinal);
        foreach (ContentBlock block in Content)
        {
            if (ToContent(block) is { } content)
            {
                contents.Add(content);
                if (content is FunctionCallContent { CallId: { Length: > 0 } id })
                {
                    calls.Add(id);
                }
            }
        }

        foreach (ToolCallBlock call in ToolCalls)
        {
            if (call.Id is not { Length: > 0 } id || calls.Add(id))
            {
                contents.Add(ToContent(call)!);
            }
        }

        return new ChatMessage(ChatRole.Assistant, contents) { MessageId = Id, RawRepresentation = this };
    }

    /// <summary>Converts the message to a <see cref="ChatResponse"/> with its id, model, finish reason and usage.</summary>
    /// <returns>The response; <see cref="ChatResponse.RawRepresentation"/> is this message.</returns>
    public ChatResponse ToChatResponse() => new(ToChatMessage())
    {
        ResponseId = Id,
        ModelId = JsonValues.StringOf(ResponseMetadata, "model_name"),
        FinishReason = FinishReason is { } reason ? new ChatFinishReason(reason) : null,
        Usage = UsageMetadata is { } usage ? ToUsageDetails(usage) : null,
        RawRepresentation = this,
    };

    /// <summary>Converts usage to Microsoft.Extensions.AI's usage details.</summary>
    /// <param name="usage">The usage.</param>
    /// <returns>The details.</returns>
    internal static UsageDetails ToUsageDetails(UsageInfo usage) => new()
    {
        InputTokenCount = usage.InputTokens,
        OutputTokenCount = usage.OutputTokens,
        TotalTokenCount = usage.TotalTokens,
        CachedInputTokenCount = usage.InputTokenDetails?.CacheRead,
        ReasoningTokenCount = usage.OutputTokenDetails?.Reasoning,
    };

    /// <summary>Converts one block, or returns <see langword="null"/> for blocks Microsoft.Extensions.AI has no content for.</summary>
    /// <param name="block">The block.</param>
    /// <returns>The content.</returns>
    internal static AIContent? ToContent(ContentBlock block) => block switch
    {
        TextBlock { Text.Length: > 0 } text => new TextContent(text.Text) { RawRepresentation = text },
        ReasoningBlock reasoning => new TextReasoningContent(reasoning.Reasoning ?? string.Empty)
        {
            ProtectedData = Signature(reasoning),
            RawRepresentation = reasoning,
        },
        ToolCallBlock call => new FunctionCallContent(call.Id ?? string.Empty, call.Name, ToolArguments.ToDictionary(call.Args)) { RawRepresentation = call },
        InvalidToolCallBlock invalid => new FunctionCallContent(invalid.Id ?? string.Empty, invalid.Name ?? string.Empty)
        {
            Exception = new JsonException(invalid.Error ?? ToolCallArguments.ParseError),
            RawRepresentation = invalid,
        },
        MediaBlock { Url: { } url } media when Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) =>
            new UriContent(uri, media.MimeType ?? DefaultMediaType(media)) { RawRepresentation = media },
        MediaBlock { Base64: { } base64 } media => ToDataContent(base64, media),
        _ => null,
    };

    /// <summary>Reads a reasoning block's opaque replay data from its extras: a signature, encrypted reasoning, or redacted data.</summary>
    private static string? Signature(ReasoningBlock reasoning) =>
        JsonValues.StringOf(reasoning.Extras, "signature")
        ?? JsonValues.StringOf(reasoning.Extras, "encrypted_content")
        ?? JsonValues.StringOf(reasoning.Extras, "data");

    /// <summary>Decodes inline media; undecodable base64 has no content.</summary>
    private static DataContent? ToDataContent(string base64, MediaBlock media)
    {
        try
        {
            return new DataContent(Convert.FromBase64String(base64), media.MimeType ?? DefaultMediaType(media)) { RawRepresentation = media };
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A generic media type per block type, for media sent without one.</summary>
    private static string DefaultMediaType(MediaBlock media) => media switch
    {
        ImageBlock => "image/*",
        AudioBlock => "audio/*",
        VideoBlock => "video/*",
        _ => "application/octet-stream",
    };
}
