using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace ChatStreams;

/// <summary>
/// Represents a chat model that replays scripted turns, one per request, for tests: per-event delays on a
/// <see cref="TimeProvider"/>, injected faults, and a record of the requests it received.
/// </summary>
/// <remarks>Thread-safe: concurrent runs take turns in the order their sources open.</remarks>
public sealed class ScriptedChatModel : ChatModel
{
    /// <summary>Guards the queue and the record.</summary>
    private readonly Lock _gate = new();

    /// <summary>The turns not yet played.</summary>
    private readonly Queue<ScriptedTurn> _turns;

    /// <summary>The requests received, in order.</summary>
    private readonly List<ScriptedRequest> _requests = [];

    /// <summary>Initializes the model with its turns.</summary>
    /// <param name="turns">The turns, played in order, one per request.</param>
    /// <exception cref="ArgumentNullException"><paramref name="turns"/> is <see langword="null"/>.</exception>
    public ScriptedChatModel(params IEnumerable<ScriptedTurn> turns)
    {
        ArgumentNullException.ThrowIfNull(turns);
        _turns = new Queue<ScriptedTurn>(turns);
    }

    /// <inheritdoc/>
    public override string ProviderName => "scripted";

    /// <inheritdoc/>
    public override string? ModelId => "scripted";

    /// <summary>Gets a copy of the requests received so far, in order.</summary>
    public IReadOnlyList<ScriptedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Gets the number of turns not yet played.</summary>
    public int RemainingTurns
    {
        get
        {
            lock (_gate)
            {
                return _turns.Count;
            }
        }
    }

    /// <summary>Adds a turn to play after the others.</summary>
    /// <param name="turn">The turn.</param>
    /// <exception cref="ArgumentNullException"><paramref name="turn"/> is <see langword="null"/>.</exception>
    public void Enqueue(ScriptedTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        lock (_gate)
        {
            _turns.Enqueue(turn);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">No scripted turn is left.</exception>
    protected override async IAsyncEnumerable<StreamEvent> StreamEventsAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ScriptedTurn turn;
        lock (_gate)
        {
            _requests.Add(new ScriptedRequest(messages, options));
            if (!_turns.TryDequeue(out turn!))
            {
                throw new InvalidOperationException($"The scripted model has no turn left for request {_requests.Count}.");
            }
        }

        for (int i = 0; i <= turn.Events.Count; i++)
        {
            if (turn.FailAtEvent == i)
            {
                throw turn.Failure ?? new ChatModelException($"Scripted failure at event {i}.") { Provider = ProviderName };
            }

            if (turn.StallAtEvent == i)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider, cancellationToken).ConfigureAwait(false);
            }

            if (i == turn.Events.Count)
            {
                yield break;
            }

            if (turn.Delay > TimeSpan.Zero)
            {
                await Task.Delay(turn.Delay, TimeProvider, cancellationToken).ConfigureAwait(false);
            }

            StreamEvent next = turn.Events[i];
            if (turn.EndWithoutFinish && next is MessageFinishEvent)
            {
                yield break;
            }

            yield return next;
        }
    }
}
