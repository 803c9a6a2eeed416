using System.Collections.Generic;
using System.Globalization;

namespace ChatStreams.Cli;

/// <summary>The one-line summary after an answer: finish reason, usage, time to first token, speed.</summary>
internal static class Summary
{
    /// <summary>Formats the summary.</summary>
    /// <param name="message">The message.</param>
    /// <param name="timing">The timing.</param>
    /// <param name="culture">The culture for numbers.</param>
    /// <returns>The line.</returns>
    public static string Of(AIMessage message, RunTiming timing, CultureInfo culture)
    {
        var parts = new List<string> { $"finish: {message.FinishReason ?? "unknown"}" };
        if (message.UsageMetadata is { } usage)
        {
            parts.Add(string.Format(culture, "tokens: {0} in / {1} out", usage.InputTokens?.ToString(culture) ?? "?", usage.OutputTokens?.ToString(culture) ?? "?"));
        }

        if (timing.FirstToken is { } first)
        {
            parts.Add(string.Format(culture, "first token: {0:0} ms", first.TotalMilliseconds));
        }

        if (timing.TokensPerSecond(message.UsageMetadata?.OutputTokens) is { } rate)
        {
            parts.Add(string.Format(culture, "{0:0.0} tokens/s", rate));
        }

        parts.Add(string.Format(culture, "total: {0:0.00} s", timing.Total.TotalSeconds));
        return "— " + string.Join(" · ", parts);
    }
}
