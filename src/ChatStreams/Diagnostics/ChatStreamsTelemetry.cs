using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChatStreams;

/// <summary>
/// Holds the library's one <see cref="System.Diagnostics.ActivitySource"/> and one <see cref="System.Diagnostics.Metrics.Meter"/>,
/// both named <c>ChatStreams</c>, following the OpenTelemetry GenAI semantic conventions.
/// </summary>
/// <remarks>
/// Subscribe with <c>AddSource("ChatStreams")</c> and <c>AddMeter("ChatStreams")</c>. Every started run creates
/// exactly one <c>chat {model}</c> span; a stream that is never read, or closed before it started, creates none.
/// </remarks>
public static class ChatStreamsTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "ChatStreams";

    /// <summary>Gets the source of the <c>chat {model}</c> spans.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>Gets the meter of the GenAI client metrics.</summary>
    public static Meter Meter { get; } = new(Name);

    /// <summary>Gets <c>gen_ai.client.operation.duration</c>, in seconds.</summary>
    internal static Histogram<double> OperationDuration { get; } = Meter.CreateHistogram<double>(
        "gen_ai.client.operation.duration", "s", "GenAI operation duration.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] });

    /// <summary>Gets <c>gen_ai.client.operation.time_to_first_chunk</c>, in seconds.</summary>
    internal static Histogram<double> TimeToFirstChunk { get; } = Meter.CreateHistogram<double>(
        "gen_ai.client.operation.time_to_first_chunk", "s", "Time from the start of the run to its first event.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24] });

    /// <summary>Gets <c>gen_ai.client.token.usage</c>, in tokens, tagged with <c>gen_ai.token.type</c>.</summary>
    internal static Histogram<int> TokenUsage { get; } = Meter.CreateHistogram<int>(
        "gen_ai.client.token.usage", "{token}", "Number of input and output tokens used.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304] });
}
