using System.IO;

namespace ChatStreams;

/// <summary>The size limits a wire reader enforces, with the option names its errors cite.</summary>
/// <param name="MaxLineSize">The longest line, in bytes.</param>
/// <param name="MaxEventSize">The largest event (SSE) or line (NDJSON), in bytes.</param>
internal readonly record struct FramingLimits(int MaxLineSize, int MaxEventSize)
{
    /// <summary>The default of both limits: 16 MiB.</summary>
    public const int DefaultSize = 16 * 1024 * 1024;

    /// <summary>Creates the exception for a line over the limit.</summary>
    /// <returns>The exception.</returns>
    public InvalidDataException LineTooLong() =>
        new($"A line of the response exceeds MaxLineSize ({MaxLineSize} bytes); raise the option if such lines are expected.");

    /// <summary>Creates the exception for an event over the limit.</summary>
    /// <returns>The exception.</returns>
    public InvalidDataException EventTooLarge() =>
        new($"An event of the response exceeds MaxEventSize ({MaxEventSize} bytes); raise the option if such events are expected.");
}
