using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ChatStreams;

/// <summary>The events of one provider call, read as the driver pulls them.</summary>
internal sealed partial class ProviderTransport
{
    /// <summary>
    /// One provider call as events: send (retrying transient failures before the first event), frame, translate.
    /// </summary>
    /// <remarks>
    /// Written out rather than as an <c>async</c> iterator because it runs once per event: when the framing has the
    /// next payload buffered, <see cref="Enumerator.MoveNextAsync"/> translates it and returns synchronously, and
    /// only sending, retrying, waiting for the network and the end of the body take the asynchronous path.
    /// </remarks>
    private sealed class Events : IAsyncEnumerable<StreamEvent>
    {
        /// <summary>The transport that sends and maps failures.</summary>
        private readonly ProviderTransport _transport;

        /// <summary>Builds a fresh request per attempt.</summary>
        private readonly Func<HttpRequestMessage> _createRequest;

        /// <summary>Whether the body is NDJSON rather than SSE.</summary>
        private readonly bool _ndjson;

        /// <summary>Builds a fresh translator per attempt.</summary>
        private readonly Func<WireTranslator> _createTranslator;

        /// <summary>Aborts the call.</summary>
        private readonly CancellationToken _cancellationToken;

        /// <summary>Initializes the call; nothing is sent until the first event is asked for.</summary>
        public Events(ProviderTransport transport, Func<HttpRequestMessage> createRequest, bool ndjson, Func<WireTranslator> createTranslator, CancellationToken cancellationToken)
        {
            _transport = transport;
            _createRequest = createRequest;
            _ndjson = ndjson;
            _createTranslator = createTranslator;
            _cancellationToken = cancellationToken;
        }

        /// <inheritdoc/>
        public IAsyncEnumerator<StreamEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
            new Enumerator(this, cancellationToken);

        /// <summary>Reads one call.</summary>
        private sealed class Enumerator : IAsyncEnumerator<StreamEvent>
        {
            /// <summary>The call.</summary>
            private readonly Events _call;

            /// <summary>Links the call's token with the enumeration's when both can fire.</summary>
            private readonly CancellationTokenSource? _linked;

            /// <summary>Aborts the call.</summary>
            private readonly CancellationToken _cancellationToken;

            /// <summary>The framing limits.</summary>
            private readonly FramingLimits _limits;

            /// <summary>The attempt being read (0 for the first).</summary>
            private int _attempt;

            /// <summary>The current attempt's translator; null between attempts.</summary>
            private WireTranslator? _translator;

            /// <summary>The current attempt's response.</summary>
            private HttpResponseMessage? _response;

            /// <summary>The current attempt's payloads.</summary>
            private IAsyncEnumerator<WireMessage>? _wire;

            /// <summary>The next event of <see cref="WireTranslator.Output"/> to hand out.</summary>
            private int _next;

            /// <summary>Whether the caller has seen events: from then on nothing is retried (DESIGN 3.4).</summary>
            private bool _produced;

            /// <summary>Whether the message is complete: what is left in the output is all there is.</summary>
            private bool _ended;

            /// <summary>The event last handed out.</summary>
            private StreamEvent? _current;

            /// <summary>Initializes the enumerator.</summary>
            public Enumerator(Events call, CancellationToken cancellationToken)
            {
                _call = call;
                _limits = new FramingLimits(call._transport._options.MaxLineSize, call._transport._options.MaxEventSize);
                if (cancellationToken.CanBeCanceled && call._cancellationToken.CanBeCanceled && cancellationToken != call._cancellationToken)
                {
                    _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call._cancellationToken);
                    _cancellationToken = _linked.Token;
                }
                else
                {
                    _cancellationToken = cancellationToken.CanBeCanceled ? cancellationToken : call._cancellationToken;
                }
            }

            /// <inheritdoc/>
            public StreamEvent Current => _current!;

            /// <inheritdoc/>
            public ValueTask<bool> MoveNextAsync()
            {
                if (_translator is not { } translator)
                {
                    return _ended ? new(false) : MoveNextSlowAsync(null);
                }

                List<StreamEvent> output = translator.Output;
                if (_next < output.Count)
                {
                    _current = output[_next++];
                    return new(true);
                }

                if (_ended)
                {
                    return new(false);
                }

                while (true)
                {
                    TakeOutput(output);
                    ValueTask<bool> next = _wire!.MoveNextAsync();
                    if (!next.IsCompletedSuccessfully)
                    {
                        return MoveNextSlowAsync(next);
                    }

                    if (!next.Result)
                    {
                        return MoveNextSlowAsync(new(false));
                    }

                    if (TranslateCurrent(translator))
                    {
                        return new(true);
                    }
                }
            }

            /// <inheritdoc/>
            public async ValueTask DisposeAsync()
            {
                try
                {
                    await CloseAttemptAsync().ConfigureAwait(false);
                }
                finally
                {
                    _linked?.Dispose();
                }
            }

            /// <summary>Everything but a buffered payload: sending, retries, waiting reads, failures and the end of the body.</summary>
            /// <param name="pending">A read already started, or <see langword="null"/> to start with the next step.</param>
            private async ValueTask<bool> MoveNextSlowAsync(ValueTask<bool>? pending)
            {
                try
                {
                    return await ReadOnAsync(pending).ConfigureAwait(false);
                }
                catch
                {
                    // A failed call stays failed: asking again must not send it again.
                    _ended = true;
                    throw;
                }
            }

            /// <summary>The body of <see cref="MoveNextSlowAsync"/>.</summary>
            private async ValueTask<bool> ReadOnAsync(ValueTask<bool>? pending)
            {
                ProviderTransport transport = _call._transport;
                while (true)
                {
                    if (_translator is null)
                    {
                        await OpenAttemptAsync().ConfigureAwait(false);
                    }

                    WireTranslator translator = _translator!;
                    TakeOutput(translator.Output);
                    (bool more, ChatModelException? failure) = pending is { } read
                        ? await transport.AwaitReadAsync(read, _produced, _cancellationToken).ConfigureAwait(false)
                        : await transport.ReadAsync(_wire!, _produced, _cancellationToken).ConfigureAwait(false);
                    pending = null;
                    if (failure is not null)
                    {
                        bool retry = !_produced && failure.IsTransient && _attempt < transport._options.MaxRetries;
                        await CloseAttemptAsync().ConfigureAwait(false);
                        if (!retry)
                        {
                            throw failure;
                        }

                        await transport.DelayAsync(_attempt++, null, _cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    if (more)
                    {
                        if (TranslateCurrent(translator))
                        {
                            return true;
                        }

                        continue;
                    }

                    await CloseAttemptAsync().ConfigureAwait(false);
                    if (!translator.IsTerminated)
                    {
                        throw new ChatModelException(
                            $"The {transport.Provider} response ended before its terminal event ({translator.TerminalDescription}); the answer is incomplete.")
                        {
                            Provider = transport.Provider,
                        };
                    }

                    // The translator outlives its attempt to hand out the finish.
                    _ended = true;
                    _translator = translator;
                    transport.Complete(translator);
                    return TakeFirst(translator);
                }
            }

            /// <summary>Sends one attempt after another until a response arrives or the failure is final.</summary>
            private async Task OpenAttemptAsync()
            {
                ProviderTransport transport = _call._transport;
                while (true)
                {
                    (HttpResponseMessage? response, ChatModelException? failure) = await transport.SendAsync(_call._createRequest, _cancellationToken).ConfigureAwait(false);
                    if (response is not null)
                    {
                        _response = response;
                        _translator = _call._createTranslator();
                        _next = 0;
                        Stream body = await response.Content.ReadAsStreamAsync(_cancellationToken).ConfigureAwait(false);
                        _wire = (_call._ndjson ? WireReader.ReadNdjsonAsync(body, _limits, _cancellationToken) : WireReader.ReadSseAsync(body, _limits, _cancellationToken))
                            .GetAsyncEnumerator(_cancellationToken);
                        return;
                    }

                    if (!failure!.IsTransient || _attempt >= transport._options.MaxRetries)
                    {
                        throw failure;
                    }

                    await transport.DelayAsync(_attempt++, failure.RetryAfter, _cancellationToken).ConfigureAwait(false);
                }
            }

            /// <summary>Disposes the current attempt's payloads and response, if any.</summary>
            private async ValueTask CloseAttemptAsync()
            {
                IAsyncEnumerator<WireMessage>? wire = _wire;
                HttpResponseMessage? response = _response;
                _wire = null;
                _response = null;
                _translator = null;
                try
                {
                    if (wire is not null)
                    {
                        await wire.DisposeAsync().ConfigureAwait(false);
                    }
                }
                finally
                {
                    response?.Dispose();
                }
            }

            /// <summary>Clears the events already handed out; once there were some, the call is past retrying.</summary>
            private void TakeOutput(List<StreamEvent> output)
            {
                if (output.Count > 0)
                {
                    _produced = true;
                    output.Clear();
                }

                _next = 0;
            }

            /// <summary>Translates the current payload; returns whether it produced an event, now <see cref="Current"/>.</summary>
            private bool TranslateCurrent(WireTranslator translator)
            {
                try
                {
                    // DESIGN 3.5: what follows the provider's terminal event produces no events.
                    _call._transport.Translate(translator, _wire!.Current, afterTerminal: translator.IsTerminated);
                }
                catch
                {
                    _ended = true;
                    throw;
                }

                return TakeFirst(translator);
            }

            /// <summary>Makes the first new event <see cref="Current"/>; returns whether there was one.</summary>
            private bool TakeFirst(WireTranslator translator)
            {
                _next = 0;
                if (translator.Output.Count == 0)
                {
                    return false;
                }

                _current = translator.Output[_next++];
                return true;
            }
        }
    }
}
