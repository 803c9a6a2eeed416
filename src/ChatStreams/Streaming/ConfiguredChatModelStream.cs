using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace ChatStreams;

/// <summary>
/// Represents a <see cref="ChatModelStream"/> whose awaits in <c>await foreach</c> and <c>await using</c> are
/// configured, as library code needs (<see cref="ChatModelStream.ConfigureAwait(bool)"/>).
/// </summary>
/// <remarks>
/// The stream is both enumerable and disposable, so the BCL's two <c>ConfigureAwait</c> extensions would be
/// ambiguous on it; this one type serves both statements.
/// </remarks>
public readonly struct ConfiguredChatModelStream
{
    /// <summary>The stream.</summary>
    private readonly ChatModelStream _stream;

    /// <summary>Whether continuations resume on the captured context.</summary>
    private readonly bool _continueOnCapturedContext;

    /// <summary>Initializes the configured view.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="continueOnCapturedContext">Whether continuations resume on the captured context.</param>
    internal ConfiguredChatModelStream(ChatModelStream stream, bool continueOnCapturedContext)
    {
        _stream = stream;
        _continueOnCapturedContext = continueOnCapturedContext;
    }

    /// <summary>Starts a configured enumeration of the raw events, for <c>await foreach</c>.</summary>
    /// <returns>The enumerator.</returns>
    public ConfiguredCancelableAsyncEnumerable<StreamEvent>.Enumerator GetAsyncEnumerator() =>
        ((IAsyncEnumerable<StreamEvent>)_stream).ConfigureAwait(_continueOnCapturedContext).GetAsyncEnumerator();

    /// <summary>Starts a configured enumeration that the token cancels.</summary>
    /// <param name="cancellationToken">Cancels this enumeration only.</param>
    /// <returns>The enumerable.</returns>
    public ConfiguredCancelableAsyncEnumerable<StreamEvent> WithCancellation(CancellationToken cancellationToken) =>
        ((IAsyncEnumerable<StreamEvent>)_stream).WithCancellation(cancellationToken).ConfigureAwait(_continueOnCapturedContext);

    /// <summary>Closes the stream, for <c>await using</c>.</summary>
    /// <returns>The configured awaitable.</returns>
    public ConfiguredValueTaskAwaitable DisposeAsync() => _stream.DisposeAsync().ConfigureAwait(_continueOnCapturedContext);
}
