using System;

namespace ChatStreams.Cli;

/// <summary>The error code reported for a failure, as the serving endpoints report it (DESIGN 3.7).</summary>
internal static class ErrorCodes
{
    /// <summary>Gets the code: <c>cancelled</c>, the provider's error code, its error type, else <c>provider_error</c>.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The code.</returns>
    public static string Of(Exception error) => error switch
    {
        OperationCanceledException => "cancelled",
        ChatModelException { ErrorCode: { Length: > 0 } code } => code,
        ChatModelException { ErrorType: { Length: > 0 } type } => type,
        _ => "provider_error",
    };

    /// <summary>Gets the one-line message of a failure, without a stack trace.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The line.</returns>
    public static string Line(Exception error) => error switch
    {
        OperationCanceledException => "cancelled",
        _ => error.Message.ReplaceLineEndings(" "),
    };
}
