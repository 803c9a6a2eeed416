using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>
/// Represents a chat model: the base of every provider. A provider implements one method,
/// <see cref="StreamEventsAsync"/>; everything else (lazy start, the producer, cancellation, observers,
/// OpenTelemetry, <see cref="InvokeAsync"/>) lives here once.
/// </summary>
/// <remarks>
/// <see cref="Stream"/> returns at once and starts nothing: the first consumer that reads or awaits the stream
/// starts the run, exactly once. Observers run on the producer's thread-pool task, never on the caller's
/// synchronization context. Instances are thread-safe for concurrent <see cref="Stream"/> calls as long as
/// <see cref="Observers"/> is not modified meanwhile.
/// </remarks>
public abstract class ChatModel
{
    /// <summary>Initializes the model.</summary>
    protected ChatModel()
    {
    }

    /// <summary>Gets the observers every run reports to; the list is copied when <see cref="Stream"/> is called.</summary>
    public IList<ChatModelObserver> Observers { get; } = new List<ChatModelObserver>();

    /// <summary>Gets the provider name, reported as <c>gen_ai.provider.name</c>.</summary>
    /// <value>Defaults to the type name without its <c>ChatModel</c> suffix, in lower case.</value>
    public virtual string ProviderName => DefaultProviderName(GetType().Name);

    /// <summary>Gets the model this instance asks for when <see cref="ChatOptions.ModelId"/> is not set.</summary>
    public virtual string? ModelId => null;

    /// <summary>Gets or sets the clock used for run timestamps and telemetry durations.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets how much history the streams of this model keep for replay.</summary>
    /// <value>Defaults to <see cref="ReplayPolicy.Full"/>; <see cref="ReplayPolicy.Bounded"/> suits long answers read by one consumer.</value>
    public ReplayPolicy Replay { get; set; } = ReplayPolicy.Full;

    /// <summary>Gets or sets a value indicating whether telemetry may record message content (prompts and answers).</summary>
    /// <value>Defaults to <see langword="false"/>: spans carry counts, ids and reasons, never content.</value>
    public bool EnableSensitiveTelemetry { get; set; }

    /// <summary>Creates the stream of one answer; nothing runs until a consumer reads or awaits it.</summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="options">The request options, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the run, like <see cref="ChatModelStream.CloseAsync"/>.</param>
    /// <returns>The stream; dispose it (<c>await using</c>) to abort the run if it is still going.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> is <see langword="null"/> or holds a <see langword="null"/> message.</exception>
    public ChatModelStream Stream(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ChatMessage[] prompt = [.. messages];
        foreach (ChatMessage message in prompt)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
        }

        var stream = new ChatModelStream(Replay ?? ReplayPolicy.Full);
        var runner = new ChatModelRunner(this, stream, prompt, options, [.. Observers], Activity.Current?.Context ?? default);
        stream.SetStart(runner.StartAsync);
        runner.LinkCallerToken(cancellationToken);
        return stream;
    }

    /// <summary>Runs the model to completion and returns the assembled message.</summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="options">The request options, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The message, once observers finished.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired before the message completed.</exception>
    /// <exception cref="ChatModelException">The provider failed, sent an <c>error</c> event, or produced nothing.</exception>
    public Task<AIMessage> InvokeAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatModelStream stream = Stream(messages, options, cancellationToken);
        return InvokeCoreAsync(stream);

        static async Task<AIMessage> InvokeCoreAsync(ChatModelStream stream)
        {
            await using (stream.ConfigureAwait(false))
            {
                // The caller's token is linked to the stream: it closes the run, which fails this wait.
                return await stream.GetMessageAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Streams the protocol events of one answer: the one member a provider implements.</summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="options">The request options, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Fires when the run is closed or its caller's token fires; abort the provider call then.</param>
    /// <returns>The events, from <c>message-start</c> to <c>message-finish</c>.</returns>
    /// <remarks>
    /// Throw, never yield an <see cref="ErrorEvent"/>, when the provider fails: the stream fails with the exact
    /// exception thrown. The driver stops reading after <c>message-finish</c> and disposes the enumerator without
    /// cancelling the token. A source that ends early after some events gets a synthetic <c>message-finish</c>; one
    /// that produced nothing fails the run with <see cref="ChatModelException"/>.
    /// </remarks>
    protected abstract IAsyncEnumerable<StreamEvent> StreamEventsAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken);

    /// <summary>Opens the provider's source for the driver.</summary>
    internal IAsyncEnumerable<StreamEvent> OpenSource(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) =>
        StreamEventsAsync(messages, options, cancellationToken);

    /// <summary>Derives a provider name from a type name: <c>OpenAIChatModel</c> → <c>openai</c>.</summary>
    private static string DefaultProviderName(string typeName)
    {
        const string Suffix = "ChatModel";
        string name = typeName.EndsWith(Suffix, StringComparison.Ordinal) && typeName.Length > Suffix.Length ? typeName[..^Suffix.Length] : typeName;
        return name.ToLowerInvariant();
    }
}
