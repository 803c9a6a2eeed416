using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace ChatStreams.Cli;

/// <summary>
/// The built-in offline model: deterministic for a prompt, paced like a real provider, with reasoning, text,
/// usage, and a tool call when the prompt asks about the weather or the time. It says that it is a demo.
/// </summary>
internal sealed partial class DemoChatModel : ChatModel
{
    /// <summary>The model name it reports.</summary>
    public const string Name = "chatstream-demo";

    /// <summary>Initializes the model.</summary>
    /// <param name="pace">The delay between deltas.</param>
    /// <param name="textDeltas">The exact number of non-empty text deltas of a text answer, or <see langword="null"/> for one per word.</param>
    public DemoChatModel(TimeSpan pace, int? textDeltas = null)
    {
        Pace = pace;
        TextDeltas = textDeltas;
    }

    /// <summary>Gets the delay between deltas.</summary>
    public TimeSpan Pace { get; }

    /// <summary>Gets the exact number of text deltas, if fixed.</summary>
    public int? TextDeltas { get; }

    /// <inheritdoc/>
    public override string ProviderName => "demo";

    /// <inheritdoc/>
    public override string? ModelId => Name;

    /// <inheritdoc/>
    protected override async IAsyncEnumerable<StreamEvent> StreamEventsAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string prompt = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
        string id = "demo-" + StableHash(prompt).ToString("x8", CultureInfo.InvariantCulture);
        yield return new MessageStartEvent(id, new MessageMetadata { Provider = "demo", Model = Name }, null);

        string? tool = WeatherPattern().IsMatch(prompt) ? "get_weather" : TimePattern().IsMatch(prompt) ? "get_time" : null;
        string reasoning = tool is null
            ? "The user wants an answer. I am the offline demo model, so I will say so and describe what is streaming."
            : $"The user asks something live. I should call {tool} rather than guess.";
        int index = 0, outputTokens = 0;
        foreach (StreamEvent e in Block(index++, new ReasoningBlock(string.Empty), Words(reasoning).Select(w => (ContentBlockDelta)new ReasoningDelta(w)), new ReasoningBlock(reasoning)))
        {
            await DelayAsync(e, cancellationToken).ConfigureAwait(false);
            outputTokens += e is ContentBlockDeltaEvent ? 1 : 0;
            yield return e;
        }

        IEnumerable<StreamEvent> answer = tool is null ? TextAnswer(index, prompt) : ToolCall(index, id, tool, prompt);
        foreach (StreamEvent e in answer)
        {
            await DelayAsync(e, cancellationToken).ConfigureAwait(false);
            outputTokens += e is ContentBlockDeltaEvent ? 1 : 0;
            yield return e;
        }

        int inputTokens = messages.Sum(m => Words(m.Text).Count()) + 4;
        yield return new MessageFinishEvent(
            new UsageInfo(inputTokens, outputTokens, inputTokens + outputTokens, OutputTokenDetails: new OutputTokenDetails(Reasoning: Words(reasoning).Count())),
            tool is null ? "stop" : "tool_calls",
            null);
    }

    /// <summary>The text answer, split into words or into exactly <see cref="TextDeltas"/> pieces.</summary>
    private IEnumerable<StreamEvent> TextAnswer(int index, string prompt)
    {
        string quoted = prompt.Length > 80 ? prompt[..80] + "…" : prompt;
        string text = $"This is the ChatStreams demo model, answering offline. You asked: \"{quoted}\". " +
            "Every word you see arrived as its own text delta, after a short reasoning block, and the summary below shows the usage it reported. " +
            "Set OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY or OLLAMA_HOST to talk to a real model.";
        IEnumerable<string> pieces = TextDeltas is { } count ? Split(text, count) : Words(text);
        return Block(index, new TextBlock(string.Empty), pieces.Select(p => (ContentBlockDelta)new TextDelta(p)), new TextBlock(text));
    }

    /// <summary>A tool call whose arguments stream in fragments.</summary>
    private static IEnumerable<StreamEvent> ToolCall(int index, string messageId, string tool, string prompt)
    {
        string city = CityPattern().Match(prompt) is { Success: true } m ? m.Groups[1].Value : "Paris";
        string args = tool == "get_weather" ? $"{{\"city\":\"{city}\",\"unit\":\"celsius\"}}" : $"{{\"timezone\":\"{city}\"}}";
        string callId = "call_" + messageId[5..];
        IEnumerable<ContentBlockDelta> fragments = args.Chunk(6).Select(c => (ContentBlockDelta)new ToolCallDelta(new string(c)));
        return Block(index, new ToolCallChunkBlock(callId, tool, string.Empty), fragments, new ToolCallBlock(callId, tool, System.Text.Json.JsonElement.Parse(args)));
    }

    /// <summary>A block's start, deltas and finish.</summary>
    private static IEnumerable<StreamEvent> Block(int index, ContentBlock start, IEnumerable<ContentBlockDelta> deltas, ContentBlock finish)
    {
        yield return new ContentBlockStartEvent(index, start);
        foreach (ContentBlockDelta delta in deltas)
        {
            yield return new ContentBlockDeltaEvent(index, delta);
        }

        yield return new ContentBlockFinishEvent(index, finish);
    }

    /// <summary>Waits before each delta, like a provider generating tokens.</summary>
    private Task DelayAsync(StreamEvent e, CancellationToken cancellationToken) =>
        e is ContentBlockDeltaEvent && Pace > TimeSpan.Zero ? Task.Delay(Pace, TimeProvider, cancellationToken) : Task.CompletedTask;

    /// <summary>Splits text into words that keep their leading spaces.</summary>
    private static IEnumerable<string> Words(string text) => WordPattern().Matches(text).Select(m => m.Value);

    /// <summary>Splits text into exactly <paramref name="count"/> non-empty pieces (fewer only if the text is shorter).</summary>
    private static IEnumerable<string> Split(string text, int count)
    {
        count = Math.Clamp(count, 1, text.Length);
        for (int i = 0; i < count; i++)
        {
            int start = (int)((long)text.Length * i / count), end = (int)((long)text.Length * (i + 1) / count);
            yield return text[start..end];
        }
    }

    /// <summary>A hash that is the same in every process (string.GetHashCode is randomized).</summary>
    private static uint StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }

    [GeneratedRegex(@"\bweather\b|\bforecast\b|\btemperature\b", RegexOptions.IgnoreCase)]
    private static partial Regex WeatherPattern();

    [GeneratedRegex(@"\btime\b|\bclock\b", RegexOptions.IgnoreCase)]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"\bin ([A-Z][a-zA-Z]+)")]
    private static partial Regex CityPattern();

    [GeneratedRegex(@"\s*\S+")]
    private static partial Regex WordPattern();
}
