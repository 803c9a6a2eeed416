using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace ChatStreams;

/// <summary>
/// Represents one streaming model response: a hot, per-message object whose projections (<see cref="Text"/>,
/// <see cref="Reasoning"/>, <see cref="ToolCalls"/>, <see cref="Usage"/>, <see cref="Output"/>) any number of
/// consumers can enumerate or await, and whose raw protocol events replay from the start for every enumeration.
/// </summary>
/// <remarks>
/// <para>
/// A producer (a chat model's driver, or your own code) calls <see cref="Dispatch"/> for each
/// event and <see cref="Fail"/> on failure; consumers may run on other threads. The first terminal state wins:
/// once the message completed or failed, further events are recorded in the raw replay and change nothing else,
/// and a <see cref="Fail"/> after success is ignored.
/// </para>
/// <para>
/// <c>await stream</c> gives the message once it is complete and the producer's post-work (observers) finished.
/// <see cref="CloseAsync"/> (or <c>await using</c>) ends an unfinished stream with
/// <see cref="OperationCanceledException"/> and cancels the producer, which aborts the provider's HTTP call.
/// All members are thread-safe.
/// </para>
/// </remarks>
public sealed partial class ChatModelStream : IAsyncEnumerable<StreamEvent>, IAsyncDisposable
{
    /// <summary>Guards every mutable field below, the logs' appends and the accumulator.</summary>
    private readonly Lock _gate = new();

    /// <summary>Collects the cursors a change wakes, to wake them after the lock is released.</summary>
    private readonly WakeList _wakes = new();

    /// <summary>Every dispatched event, in order: the raw replay.</summary>
    private readonly ItemLog<StreamEvent> _events;

    /// <summary>The output projection's log: the message, once.</summary>
    private readonly ItemLog<AIMessage> _outputLog;

    /// <summary>The other projections' logs, kept to wake their cursors at the end.</summary>
    private readonly ItemLog<string> _textLog;

    /// <summary>The reasoning projection's log.</summary>
    private readonly ItemLog<string> _reasoningLog;

    /// <summary>The tool-call projection's log.</summary>
    private readonly ItemLog<ToolCallChunk> _toolCallLog;

    /// <summary>The usage projection's log.</summary>
    private readonly ItemLog<UsageInfo> _usageLog;

    /// <summary>All per-message state.</summary>
    private readonly MessageAccumulator _accumulator;

    /// <summary>Completes (never faults, so it can never go unobserved) when the stream reaches its terminal state.</summary>
    private readonly TaskCompletionSource _terminal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The terminal state; written under the lock after <see cref="_message"/> or <see cref="_error"/>.</summary>
    private volatile StreamState _state;

    /// <summary>The assembled message, once completed.</summary>
    private AIMessage? _message;

    /// <summary>The error, once failed.</summary>
    private Exception? _error;

    /// <summary>The id from the constructor or <see cref="SetMessageId"/>; a <c>message-start</c> id beats it.</summary>
    private string? _assignedId;

    /// <summary>Initializes a stream with no producer attached yet; it keeps its whole history for replay.</summary>
    /// <param name="messageId">The message id to use until a <c>message-start</c> carries one.</param>
    /// <param name="namespace">The graph namespace the message belongs to (for envelopes); empty by default.</param>
    /// <param name="node">The graph node that produced the message, if any.</param>
    public ChatModelStream(string? messageId = null, IReadOnlyList<string>? @namespace = null, string? node = null)
        : this(ReplayPolicy.Full, messageId, @namespace, node)
    {
    }

    /// <summary>Initializes a stream with no producer attached yet and the given replay policy.</summary>
    /// <param name="replay">How much history the projections and raw events keep for replay.</param>
    /// <param name="messageId">The message id to use until a <c>message-start</c> carries one.</param>
    /// <param name="namespace">The graph namespace the message belongs to (for envelopes); empty by default.</param>
    /// <param name="node">The graph node that produced the message, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="replay"/> is <see langword="null"/>.</exception>
    public ChatModelStream(ReplayPolicy replay, string? messageId = null, IReadOnlyList<string>? @namespace = null, string? node = null)
    {
        ArgumentNullException.ThrowIfNull(replay);
        Replay = replay;
        _assignedId = messageId;
        Namespace = @namespace ?? [];
        Node = node;
        int? retain = replay.MaxRetainedItems;
        _events = new ItemLog<StreamEvent>(_wakes, retain);
        _textLog = new ItemLog<string>(_wakes, retain);
        _reasoningLog = new ItemLog<string>(_wakes, retain);
        _toolCallLog = new ItemLog<ToolCallChunk>(_wakes, retain);
        _usageLog = new ItemLog<UsageInfo>(_wakes, retain);
        _outputLog = new ItemLog<AIMessage>(_wakes);
        _accumulator = new MessageAccumulator(_textLog, _reasoningLog, _toolCallLog, _usageLog);
        Text = new TextProjection(this, _textLog, static m => m.Text);
        Reasoning = new TextProjection(this, _reasoningLog, static m => m.Reasoning);
        ToolCalls = new ToolCallProjection(this, _toolCallLog);
        Usage = new UsageProjection(this, _usageLog);
        Output = new OutputProjection(this, _outputLog);
    }

    /// <summary>Gets how much history the projections and raw events keep for replay.</summary>
    public ReplayPolicy Replay { get; }

    /// <summary>Gets how many text deltas are held in memory (tests of the bounded replay policy).</summary>
    internal int RetainedTextItems => _textLog.RetainedCount;

    /// <summary>Gets the text: deltas as they arrive; awaiting gives the text blocks joined.</summary>
    public TextProjection Text { get; }

    /// <summary>Gets the reasoning: deltas as they arrive; awaiting gives the reasoning blocks joined.</summary>
    public TextProjection Reasoning { get; }

    /// <summary>Gets the client tool calls: chunks as arguments stream; awaiting gives the finished, parsed calls.</summary>
    public ToolCallProjection ToolCalls { get; }

    /// <summary>Gets the usage: running snapshots, then the final usage; awaiting gives the message's usage.</summary>
    public UsageProjection Usage { get; }

    /// <summary>Gets the assembled message; awaiting it does not wait for the producer's post-work.</summary>
    public OutputProjection Output { get; }

    /// <summary>Gets the message id: the <c>message-start</c> id if one came, else the assigned one.</summary>
    public string? MessageId => _accumulator.StartId ?? Volatile.Read(ref _assignedId);

    /// <summary>Gets the graph namespace the message belongs to.</summary>
    public IReadOnlyList<string> Namespace { get; }

    /// <summary>Gets the graph node that produced the message, if any.</summary>
    public string? Node { get; }

    /// <summary>Gets a value indicating whether the stream reached its terminal state (completed or failed).</summary>
    public bool IsDone => _state != StreamState.Running;

    /// <summary>Gets a value indicating whether any event was dispatched.</summary>
    public bool HasEvents => _events.Count > 0;

    /// <summary>Gets the error the stream failed with, or <see langword="null"/>.</summary>
    public Exception? Error => _state == StreamState.Failed ? _error : null;

    /// <summary>Gets the assembled message once complete, else <see langword="null"/>; never blocks, starts, pumps or throws.</summary>
    public AIMessage? OutputMessage => _state == StreamState.Completed ? _message : null;

    /// <summary>Gets an awaiter for the message: it completes once the message is complete and the producer's post-work (observers, tracing) finished.</summary>
    /// <returns>The awaiter.</returns>
    /// <remarks>Runs the lazy start. A failed stream throws its error, the same instance every consumer sees.</remarks>
    public TaskAwaiter<AIMessage> GetAwaiter() => GetMessageAsync().GetAwaiter();

    /// <summary>Configures how the awaits of <c>await foreach</c> and <c>await using</c> over this stream resume.</summary>
    /// <param name="continueOnCapturedContext"><see langword="false"/> in library code, to not resume on the caller's context.</param>
    /// <returns>The configured stream.</returns>
    public ConfiguredChatModelStream ConfigureAwait(bool continueOnCapturedContext) => new(this, continueOnCapturedContext);

    /// <summary>Starts a new enumeration of the raw protocol events at the first one.</summary>
    /// <param name="cancellationToken">Cancels this enumeration only.</param>
    /// <returns>The enumerator.</returns>
    public IAsyncEnumerator<StreamEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        new Cursor<StreamEvent>(this, _events, cancellationToken);

    /// <summary>Builds the message so far; cheap at any moment, and never starts or pumps.</summary>
    /// <returns>
    /// Finished blocks as finalized, open text and reasoning as their text so far, open tool calls as
    /// <see cref="ToolCallChunkBlock"/>s, and the latest usage seen; once complete, <see cref="OutputMessage"/>.
    /// </returns>
    public AIMessage Snapshot()
    {
        lock (_gate)
        {
            return _message ?? _accumulator.Snapshot(MessageId);
        }
    }
}
