using System.Text.Json;

namespace ChatStreams;

/// <summary>Validates tool-call arguments: they must parse to a JSON object (DESIGN section 4.3).</summary>
internal static class ToolCallArguments
{
    /// <summary>The error text for arguments that are not JSON, wherever it is detected.</summary>
    public const string ParseError = "Failed to parse tool call arguments as JSON";

    /// <summary>Parses streamed arguments; empty arguments mean <c>{}</c>.</summary>
    /// <param name="raw">The accumulated text.</param>
    /// <param name="args">The parsed object.</param>
    /// <param name="error">Why the arguments were rejected.</param>
    /// <returns><see langword="true"/> when they are a JSON object.</returns>
    public static bool TryParse(string raw, out JsonElement args, out string? error)
    {
        if (raw.Length == 0)
        {
            args = ProtocolReader.EmptyObject;
            error = null;
            return true;
        }

        try
        {
            args = JsonElement.Parse(raw);
        }
        catch (JsonException)
        {
            args = default;
            error = ParseError;
            return false;
        }

        return IsObject(args, out error);
    }

    /// <summary>Checks that arguments that arrived parsed are an object.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="error">Why they were rejected.</param>
    /// <returns><see langword="true"/> when they are a JSON object.</returns>
    public static bool IsObject(JsonElement args, out string? error)
    {
        error = args.ValueKind == JsonValueKind.Object
            ? null
            : $"Tool call arguments must be a JSON object, but found {PropertyBag.Describe(args)}.";
        return error is null;
    }

    /// <summary>Gets the raw text of arguments that arrived parsed, for an invalid call.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The text, or <see langword="null"/> when there were none.</returns>
    public static string? RawText(JsonElement args) => args.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String => args.GetString(),
        _ => args.GetRawText(),
    };
}
