using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>Wraps any <see cref="IChatClient"/> as a <see cref="ChatModel"/>: its streaming updates become protocol events.</summary>
internal sealed class ChatClientChatModel : ChatModel
{
    /// <summary>The client.</summary>
    private readonly IChatClient _client;

    /// <summary>The client's metadata, if it reports any.</summary>
    private readonly ChatClientMetadata? _metadata;

    /// <summary>Initializes the adapter.</summary>
    /// <param name="client">The client.</param>
    public ChatClientChatModel(IChatClient client)
    {
        _client = client;
        _metadata = client.GetService(typeof(ChatClientMetadata)) as ChatClientMetadata;
    }

    /// <inheritdoc/>
    public override string ProviderName => _metadata?.ProviderName ?? "microsoft.extensions.ai";

    /// <inheritdoc/>
    public override string? ModelId => _metadata?.DefaultModelId;

    /// <summary>Gets the wrapped client.</summary>
    public IChatClient Client => _client;

    /// <inheritdoc/>
    protected override async IAsyncEnumerable<StreamEvent> StreamEventsAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var translator = new UpdateEventTranslator(ProviderName);
        await foreach (ChatResponseUpdate update in _client.GetStreamingResponseAsync(messages, options, cancellationToken)
            .WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (StreamEvent streamEvent in translator.Translate(update))
            {
                yield return streamEvent;
            }
        }

        foreach (StreamEvent streamEvent in translator.Complete())
        {
            yield return streamEvent;
        }
    }
}
