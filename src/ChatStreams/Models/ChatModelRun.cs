using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>Represents one started run of a <see cref="ChatModel"/>, as its observers see it.</summary>
public sealed class ChatModelRun
{
    /// <summary>Initializes a run.</summary>
    internal ChatModelRun(string runId, ChatModel model, IReadOnlyList<ChatMessage> messages, ChatOptions? options, DateTimeOffset startedAt)
    {
        RunId = runId;
        Model = model;
        Messages = messages;
        Options = options;
        StartedAt = startedAt;
    }

    /// <summary>Gets the run id, unique per run; the message id is <c>run-{RunId}</c> unless the provider sends its own.</summary>
    public string RunId { get; }

    /// <summary>Gets the model that runs.</summary>
    public ChatModel Model { get; }

    /// <summary>Gets the conversation sent.</summary>
    public IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>Gets the request options, if any.</summary>
    public ChatOptions? Options { get; }

    /// <summary>Gets when the run started (the first consumer's read), from the model's <see cref="ChatModel.TimeProvider"/>.</summary>
    public DateTimeOffset StartedAt { get; }
}
