using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>Exposes a <see cref="ChatModel"/> as an <see cref="IChatClient"/>, so Microsoft.Extensions.AI middleware works over it.</summary>
internal sealed class ChatModelChatClient : IChatClient
{
    /// <summary>The model.</summary>
    private readonly ChatModel _model;

    /// <summary>The metadata <see cref="GetService"/> reports.</summary>
    private readonly ChatClientMetadata _metadata;

    /// <summary>Initializes the adapter.</summary>
    /// <param name="model">The model.</param>
    public ChatModelChatClient(ChatModel model)
    {
        _model = model;
        _metadata = new ChatClientMetadata(model.ProviderName, defaultModelId: model.ModelId);
    }

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        AIMessage message = await _model.InvokeAsync(messages, options, cancellationToken).ConfigureAwait(false);
        return message.ToChatResponse();
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChatModelStream stream = _model.Stream(messages, options, cancellationToken);

        // Leaving early (a break, a failure) disposes the stream, which closes the run and aborts the provider's call.
        await using (stream.ConfigureAwait(false))
        {
            var translator = new EventUpdateTranslator(stream);
            await foreach (StreamEvent streamEvent in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (translator.Translate(streamEvent) is { } update)
                {
                    yield return update;
                }
            }

            // The raw events ended, so the message is complete; this also waits for the observers.
            yield return translator.Complete(await stream.GetMessageAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(_model) ? _model
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
