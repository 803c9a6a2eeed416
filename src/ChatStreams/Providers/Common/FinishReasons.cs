namespace ChatStreams;

/// <summary>Normalizes provider finish reasons to <c>stop</c>, <c>length</c>, <c>tool_calls</c> and <c>content_filter</c> (INDEX.md).</summary>
internal static class FinishReasons
{
    /// <summary>Maps a raw finish reason; a value the table does not know passes through unchanged.</summary>
    /// <param name="raw">The provider's value.</param>
    /// <param name="hasToolCalls">Whether the message called tools: Gemini and Ollama say <c>stop</c> for tool calls.</param>
    /// <returns>The normalized value, or <see langword="null"/>.</returns>
    public static string? Normalize(string? raw, bool hasToolCalls) => raw switch
    {
        null => hasToolCalls ? "tool_calls" : null,
        "stop" or "end_turn" or "stop_sequence" or "STOP" or "completed" => hasToolCalls ? "tool_calls" : "stop",
        "tool_calls" or "tool_use" or "function_call" => "tool_calls",
        "length" or "max_tokens" or "MAX_TOKENS" or "max_output_tokens" or "model_context_window_exceeded" => "length",
        "content_filter" or "refusal" or "SAFETY" or "RECITATION" or "PROHIBITED_CONTENT" or "BLOCKLIST" or "SPII" => "content_filter",
        _ => raw,
    };
}
