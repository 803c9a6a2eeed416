using System;

namespace ChatStreams.Cli;

/// <summary>The timing of one answer.</summary>
/// <param name="FirstToken">The time from the request to the first text or reasoning delta, if any came.</param>
/// <param name="Total">The time from the request to the end.</param>
internal readonly record struct RunTiming(TimeSpan? FirstToken, TimeSpan Total)
{
    /// <summary>Gets the output rate after the first token, or <see langword="null"/> when it cannot be told.</summary>
    /// <param name="outputTokens">The output tokens.</param>
    /// <returns>Tokens per second.</returns>
    public double? TokensPerSecond(int? outputTokens)
    {
        TimeSpan generating = Total - (FirstToken ?? TimeSpan.Zero);
        return outputTokens is > 0 && generating > TimeSpan.FromMilliseconds(1) ? outputTokens / generating.TotalSeconds : null;
    }
}
