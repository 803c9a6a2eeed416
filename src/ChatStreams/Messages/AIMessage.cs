using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace ChatStreams;

/// <summary>Represents the assembled message a model produced: content blocks, tool calls, usage and metadata.</summary>
/// <remarks>
/// Instances are immutable. The JSON form (<see cref="ProtocolJson.Serialize(AIMessage)"/>) is LangChain's
/// <c>AIMessage</c> shape, so messages interoperate with LangChain clients.
/// </remarks>
public sealed partial class AIMessage
{
    /// <summary>The cached join of the text blocks.</summary>
    private string? _text;

    /// <summary>The cached join of the reasoning blocks.</summary>
    private string? _reasoning;

    /// <summary>Gets the message id: the provider's id when it sent one, otherwise the run's generated id.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the content blocks in wire-index order; never <see langword="null"/>.</summary>
    public IReadOnlyList<ContentBlock> Content { get; init; } = [];

    /// <summary>Gets the finished client tool calls, in the order they finished.</summary>
    public IReadOnlyList<ToolCallBlock> ToolCalls { get; init; } = [];

    /// <summary>Gets the tool calls whose arguments did not parse to a JSON object.</summary>
    public IReadOnlyList<InvalidToolCallBlock> InvalidToolCalls { get; init; } = [];

    /// <summary>Gets the message's token usage, if reported.</summary>
    public UsageInfo? UsageMetadata { get; init; }

    /// <summary>Gets the provider's response metadata plus <c>output_version</c> and the normalized <c>finish_reason</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement> ResponseMetadata { get; init; } = EmptyMetadata;

    /// <summary>Gets the normalized finish reason (<c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c>, …).</summary>
    public string? FinishReason { get; init; }

    /// <summary>Gets the text blocks joined with no separator.</summary>
    public string Text => _text ??= Join(Content, static b => (b as TextBlock)?.Text);

    /// <summary>Gets the reasoning blocks joined with no separator.</summary>
    public string Reasoning => _reasoning ??= Join(Content, static b => (b as ReasoningBlock)?.Reasoning);

    /// <summary>Gets an empty, shared metadata dictionary.</summary>
    internal static IReadOnlyDictionary<string, JsonElement> EmptyMetadata { get; } =
        new Dictionary<string, JsonElement>(0, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>Joins the non-null strings <paramref name="select"/> picks from <paramref name="blocks"/>.</summary>
    private static string Join(IReadOnlyList<ContentBlock> blocks, Func<ContentBlock, string?> select)
    {
        string? single = null;
        StringBuilder? builder = null;
        foreach (ContentBlock block in blocks)
        {
            if (select(block) is not { Length: > 0 } part)
            {
                continue;
            }

            if (single is null)
            {
                single = part;
            }
            else
            {
                builder ??= new StringBuilder(single);
                builder.Append(part);
            }
        }

        return builder?.ToString() ?? single ?? string.Empty;
    }
}
