using System;
using System.Collections.Generic;
using System.IO;
using System.Net.ServerSentEvents;
using System.Threading;
using System.Threading.Tasks;

namespace ChatStreams;

/// <summary>
/// The SSE side of <see cref="WireReader"/>: the in-box parser behind <see cref="LimitedSseStream"/>, its events
/// framed into one refilled <see cref="WireMessage"/>.
/// </summary>
/// <remarks>
/// Written out rather than as an <c>async</c> iterator because it sits under every event of every answer: an event
/// the parser has buffered is handed on synchronously, and only a read that waits for the network pays for a
/// state machine.
/// </remarks>
internal sealed class SseWireReader : IAsyncEnumerable<WireMessage>
{
    /// <summary>The body.</summary>
    private readonly Stream _body;

    /// <summary>The size limits.</summary>
    private readonly FramingLimits _limits;

    /// <summary>Cancels the read.</summary>
    private readonly CancellationToken _cancellationToken;

    /// <summary>Initializes the reader.</summary>
    /// <param name="body">The body.</param>
    /// <param name="limits">The size limits.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public SseWireReader(Stream body, FramingLimits limits, CancellationToken cancellationToken)
    {
        _body = body;
        _limits = limits;
        _cancellationToken = cancellationToken;
    }

    /// <inheritdoc/>
    public IAsyncEnumerator<WireMessage> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        new Enumerator(_body, _limits, cancellationToken.CanBeCanceled ? cancellationToken : _cancellationToken, cancellationToken.CanBeCanceled ? _cancellationToken : default);

    /// <summary>Reads the events of one body.</summary>
    private sealed class Enumerator : IAsyncEnumerator<WireMessage>
    {
        /// <summary>The body behind its limits.</summary>
        private readonly LimitedSseStream _limited;

        /// <summary>The payload refilled for each event.</summary>
        private readonly WireMessage _message = WireMessage.CreateReusable();

        /// <summary>Links a second token when both the reader and the enumeration have one.</summary>
        private readonly CancellationTokenSource? _linked;

        /// <summary>The parser's events; each one has refilled <see cref="_message"/>.</summary>
        private readonly IAsyncEnumerator<SseItem<WireMessage>> _items;

        /// <summary>Initializes the enumerator.</summary>
        public Enumerator(Stream body, FramingLimits limits, CancellationToken cancellationToken, CancellationToken other)
        {
            if (other.CanBeCanceled && other != cancellationToken)
            {
                _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, other);
                cancellationToken = _linked.Token;
            }

            _limited = new LimitedSseStream(body, limits);
            WireMessage message = _message;
            _items = SseParser.Create(_limited, (eventType, data) => WireReader.Frame(message, eventType, data))
                .EnumerateAsync(cancellationToken)
                .GetAsyncEnumerator(cancellationToken);
        }

        /// <inheritdoc/>
        public WireMessage Current => _message;

        /// <inheritdoc/>
        public ValueTask<bool> MoveNextAsync()
        {
            while (true)
            {
                ValueTask<bool> next = _items.MoveNextAsync();
                if (!next.IsCompletedSuccessfully)
                {
                    return WaitAsync(next);
                }

                bool more = next.Result;
                if (!more || IsPayload())
                {
                    return new(more);
                }
            }
        }

        /// <inheritdoc/>
        public async ValueTask DisposeAsync()
        {
            try
            {
                await _items.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                await _limited.DisposeAsync().ConfigureAwait(false);
                _message.ReturnBuffer();
                _linked?.Dispose();
            }
        }

        /// <summary>Whether the event just framed is handed on: JSON or the sentinel, not a comment or an empty event.</summary>
        private bool IsPayload() => _message.HasJson || _message.IsDone;

        /// <summary>Waits for a read the parser could not serve from its buffer, then goes on as <see cref="MoveNextAsync"/>.</summary>
        private async ValueTask<bool> WaitAsync(ValueTask<bool> pending)
        {
            while (await pending.ConfigureAwait(false))
            {
                if (IsPayload())
                {
                    return true;
                }

                pending = _items.MoveNextAsync();
            }

            return false;
        }
    }
}
