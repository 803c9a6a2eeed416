using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>Represents one request a <see cref="ScriptedChatModel"/> received.</summary>
/// <param name="Messages">The conversation sent.</param>
/// <param name="Options">The options sent, if any.</param>
public sealed record ScriptedRequest(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options);
