using System;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>Adapts between <see cref="ChatModel"/> and Microsoft.Extensions.AI's <see cref="IChatClient"/>, both ways.</summary>
public static class ChatModelInteropExtensions
{
    /// <summary>Exposes the model as an <see cref="IChatClient"/>.</summary>
    /// <param name="model">The model.</param>
    /// <returns>
    /// A client whose <see cref="IChatClient.GetResponseAsync"/> and streamed
    /// <see cref="ChatResponseExtensions.ToChatResponseAsync"/> give the same text, reasoning, function calls,
    /// usage (once), finish reason and message id as awaiting the model's stream, so middleware such as
    /// <c>FunctionInvokingChatClient</c> and <c>OpenTelemetryChatClient</c> works over any model.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public static IChatClient AsChatClient(this ChatModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model is ChatClientChatModel wrapped ? wrapped.Client : new ChatModelChatClient(model);
    }

    /// <summary>Wraps the client as a <see cref="ChatModel"/> with every projection of a <see cref="ChatModelStream"/>.</summary>
    /// <param name="client">The client.</param>
    /// <returns>
    /// A model that streams the client's updates as protocol events; the message id is the updates'
    /// <see cref="ChatResponseUpdate.MessageId"/>, else their <see cref="ChatResponseUpdate.ResponseId"/>.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    public static ChatModel AsChatModel(this IChatClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client is ChatModelChatClient adapter && adapter.GetService(typeof(ChatModel)) is ChatModel model ? model : new ChatClientChatModel(client);
    }
}
