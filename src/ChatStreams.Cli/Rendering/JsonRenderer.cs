using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ChatStreams.Cli;

/// <summary>Writes protocol events to stdout, one JSON object per line, for pipes; everything else goes to stderr.</summary>
internal sealed class JsonRenderer(TextWriter stdout, TextWriter stderr) : IStreamRenderer
{
    /// <inheritdoc/>
    public void OnEvent(StreamEvent streamEvent)
    {
        stdout.WriteLine(ProtocolJson.Serialize(streamEvent));
        stdout.Flush();
    }

    /// <inheritdoc/>
    public void OnCompleted(AIMessage message, RunTiming timing)
    {
    }

    /// <inheritdoc/>
    public void OnFailed(Exception error, bool verbose)
    {
        // DESIGN 3.6: stdout ends with one error event; the one-line error goes to stderr.
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event", "error");
            writer.WriteString("message", ErrorCodes.Line(error));
            writer.WriteString("code", ErrorCodes.Of(error));
            writer.WriteEndObject();
        }

        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        stdout.Flush();
        stderr.WriteLine($"error: {ErrorCodes.Line(error)}");
        if (verbose)
        {
            stderr.WriteLine(error.ToString());
        }
    }
}
