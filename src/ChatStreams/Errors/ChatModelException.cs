using System;
using System.Net;

namespace ChatStreams;

/// <summary>
/// Represents a failure of a model call: a provider error (HTTP or in-stream), malformed or truncated wire input,
/// an <c>error</c> protocol event, or a source that produced nothing.
/// </summary>
/// <remarks>
/// Provider fields are filled as far as the failure revealed them. The message never contains an API key:
/// providers redact it, even when an error body quotes it back.
/// </remarks>
public class ChatModelException : Exception
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public ChatModelException()
        : base("The chat model call failed.")
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">The message.</param>
    public ChatModelException(string? message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ChatModelException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the provider that failed, such as <c>openai</c>.</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the HTTP status code, when the failure was an HTTP error.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>Gets the provider's error type (OpenAI and Anthropic <c>error.type</c>, Gemini <c>error.status</c>).</summary>
    public string? ErrorType { get; init; }

    /// <summary>Gets the error code (OpenAI <c>error.code</c>, Gemini's numeric code as text, an <c>error</c> event's <c>code</c>).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets the provider's request id, for support tickets.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets how long the provider asked to wait before retrying, if it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets a value indicating whether retrying the same request may succeed (rate limits, overload, 5xx, resets).</summary>
    public bool IsTransient { get; init; }
}
