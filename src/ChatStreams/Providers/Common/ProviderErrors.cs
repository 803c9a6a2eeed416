using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;

namespace ChatStreams;

/// <summary>Builds <see cref="ChatModelException"/>s from provider error payloads, with the API key redacted.</summary>
internal static class ProviderErrors
{
    /// <summary>Reads the error of an error payload in any provider's shape.</summary>
    /// <param name="payload">The JSON: <c>{"error":{…}}</c>, <c>{"error":"…"}</c>, <c>[{"error":{…}}]</c>, or top-level <c>message</c>/<c>code</c>.</param>
    /// <returns>The type, code and message found.</returns>
    public static (string? Type, string? Code, string? Message) Read(JsonElement payload)
    {
        if (payload.ValueKind == JsonValueKind.Array && payload.GetArrayLength() > 0)
        {
            payload = payload[0];
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        if (payload.TryGetProperty("error", out JsonElement error))
        {
            if (error.ValueKind == JsonValueKind.String)
            {
                return (null, null, error.GetString());
            }

            if (error.ValueKind == JsonValueKind.Object)
            {
                payload = error;
            }
        }

        return (Text(payload, "type") ?? Text(payload, "status"), Text(payload, "code"), Text(payload, "message"));
    }

    /// <summary>Creates the exception for a provider error, HTTP or in-stream.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="apiKey">The key to redact.</param>
    /// <param name="payload">The error payload, if it was JSON.</param>
    /// <param name="fallback">The message when the payload has none.</param>
    /// <param name="status">The HTTP status, if any.</param>
    /// <param name="response">The response, for its request id and retry hints.</param>
    /// <returns>The exception.</returns>
    public static ChatModelException Create(string provider, string? apiKey, JsonElement? payload, string fallback, HttpStatusCode? status = null, HttpResponseMessage? response = null)
    {
        (string? type, string? code, string? message) = payload is { } json ? Read(json) : default;
        string? requestId = Header(response, "x-request-id") ?? Header(response, "request-id")
            ?? (payload is { ValueKind: JsonValueKind.Object } p ? Text(p, "request_id") : null);
        string text = message is null ? fallback : $"{fallback}: {message}";
        return new ChatModelException(Redact(text, apiKey))
        {
            Provider = provider,
            StatusCode = status,
            ErrorType = type,
            ErrorCode = code,
            RequestId = requestId,
            RetryAfter = RetryAfter(response),
            IsTransient = IsTransient(status, type, code),
        };
    }

    /// <summary>Replaces the key, and any run of 8 or more of its leading characters (providers quote truncated keys), with <c>***</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="apiKey">The key.</param>
    /// <returns>The redacted text.</returns>
    public static string Redact(string text, string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey) || apiKey.Length < 4)
        {
            return text;
        }

        if (apiKey.Length < 8)
        {
            return text.Replace(apiKey, "***", StringComparison.Ordinal);
        }

        string head = apiKey[..8];
        int found = text.IndexOf(head, StringComparison.Ordinal);
        if (found < 0)
        {
            return text;
        }

        var redacted = new System.Text.StringBuilder(text.Length);
        int from = 0;
        while (found >= 0)
        {
            int length = head.Length;
            while (found + length < text.Length && length < apiKey.Length && text[found + length] == apiKey[length])
            {
                length++;
            }

            redacted.Append(text, from, found - from).Append("***");
            from = found + length;
            found = text.IndexOf(head, from, StringComparison.Ordinal);
        }

        return redacted.Append(text, from, text.Length - from).ToString();
    }

    /// <summary>Decides whether retrying may succeed: rate limits, overload, server errors.</summary>
    private static bool IsTransient(HttpStatusCode? status, string? type, string? code) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int?)status >= 500
        || type is "overloaded_error" or "rate_limit_error" or "api_error" or "server_error" or "UNAVAILABLE" or "RESOURCE_EXHAUSTED"
        || code is "rate_limit_exceeded" or "server_error" or "503" or "429";

    /// <summary>Reads <c>retry-after-ms</c> or <c>Retry-After</c> (seconds or a date).</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        if (response is null)
        {
            return null;
        }

        if (Header(response, "retry-after-ms") is { } ms && double.TryParse(ms, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double milliseconds))
        {
            return TimeSpan.FromMilliseconds(Math.Max(0, milliseconds));
        }

        if (response.Headers.RetryAfter is { } retryAfter)
        {
            return retryAfter.Delta ?? (retryAfter.Date is { } date ? Max0(date - (response.Headers.Date ?? TimeProvider.System.GetUtcNow())) : null);
        }

        return null;

        static TimeSpan Max0(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
    }

    /// <summary>Reads a header, or <see langword="null"/>.</summary>
    private static string? Header(HttpResponseMessage? response, string name) =>
        response is not null && response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;

    /// <summary>Reads a string or number property as text.</summary>
    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
