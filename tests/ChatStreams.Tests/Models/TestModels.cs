using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ChatStreams.Tests.Models;

/// <summary>A model whose source is a delegate; counts how often the source was opened and disposed.</summary>
internal sealed class DelegateChatModel(Func<CancellationToken, IAsyncEnumerable<StreamEvent>> source) : ChatModel
{
    private int _opened;
    private int _disposed;

    public int Opened => Volatile.Read(ref _opened);

    public int Disposed => Volatile.Read(ref _disposed);

    public CancellationToken LastToken { get; private set; }

    public override string ProviderName => "test";

    public override string? ModelId => "test-model";

    public static DelegateChatModel FromEvents(params StreamEvent[] events) => new(ct => Yield(events, ct));

    protected override async IAsyncEnumerable<StreamEvent> StreamEventsAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _opened);
        LastToken = cancellationToken;
        try
        {
            await foreach (StreamEvent e in source(cancellationToken).WithCancellation(cancellationToken))
            {
                yield return e;
            }
        }
        finally
        {
            Interlocked.Increment(ref _disposed);
        }
    }

    private static async IAsyncEnumerable<StreamEvent> Yield(StreamEvent[] events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (StreamEvent e in events)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }
    }
}

/// <summary>Records every callback with the run it belonged to.</summary>
internal sealed class RecordingObserver : ChatModelObserver
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentQueue<StreamEvent> Events { get; } = new();

    public Exception? Error { get; private set; }

    public AIMessage? Message { get; private set; }

    public ChatModelRun? Run { get; private set; }

    public TimeSpan EndDelay { get; init; }

    public bool ThrowEverywhere { get; init; }

    public override async ValueTask OnStartAsync(ChatModelRun run)
    {
        Run = run;
        Calls.Enqueue("start");
        await Task.Yield();
        ThrowIfAsked();
    }

    public override void OnEvent(ChatModelRun run, StreamEvent streamEvent)
    {
        Events.Enqueue(streamEvent);
        ThrowIfAsked();
    }

    public override async ValueTask OnEndAsync(ChatModelRun run, AIMessage message)
    {
        await Task.Delay(EndDelay);
        Message = message;
        Calls.Enqueue("end");
        ThrowIfAsked();
    }

    public override ValueTask OnErrorAsync(ChatModelRun run, Exception error)
    {
        Error = error;
        Calls.Enqueue("error");
        ThrowIfAsked();
        return default;
    }

    private void ThrowIfAsked()
    {
        if (ThrowEverywhere)
        {
            throw new InvalidOperationException("observer failure");
        }
    }
}
