using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ChatStreams;

/// <summary>
/// The base of every provider translator: wire payloads in, protocol events out. It assigns wire indices in start
/// order, and guarantees a start and a finish for every block, also for blocks the wire leaves open.
/// </summary>
/// <remarks>Single-use and not thread-safe: one per response.</remarks>
internal abstract class WireTranslator
{
    /// <summary>The blocks started and not finished yet, by wire index.</summary>
    private readonly SortedDictionary<int, Func<ContentBlock>> _open = [];

    /// <summary>The index of the next block.</summary>
    private int _nextIndex;

    /// <summary>Initializes the translator.</summary>
    /// <param name="provider">The provider name, for metadata and errors.</param>
    /// <param name="apiKey">The key to redact from error messages.</param>
    protected WireTranslator(string provider, string? apiKey)
    {
        Provider = provider;
        ApiKey = apiKey;
    }

    /// <summary>Gets the events produced by the last call, in order; the runner drains it.</summary>
    public List<StreamEvent> Output { get; } = [];

    /// <summary>
    /// Gets a value indicating whether hot payloads are read forward-only (and remembered, see
    /// <see cref="ChunkTemplate"/>); off, every payload takes the document path. Tests compare the two.
    /// </summary>
    internal bool UseHotPath { get; init; } = true;

    /// <summary>Gets a value indicating whether the provider's terminal event arrived; later payloads are ignored.</summary>
    public bool IsTerminated { get; protected set; }

    /// <summary>Gets what ends a complete body, for the truncation error.</summary>
    public abstract string TerminalDescription { get; }

    /// <summary>Gets the provider name.</summary>
    protected string Provider { get; }

    /// <summary>Gets the key to redact from error messages.</summary>
    protected string? ApiKey { get; }

    /// <summary>Gets a value indicating whether <c>message-start</c> was emitted.</summary>
    protected bool Started { get; private set; }

    /// <summary>Gets a value indicating whether any block was started (tool calls included).</summary>
    protected bool HasToolCalls { get; private set; }

    /// <summary>Translates one payload into <see cref="Output"/>.</summary>
    /// <param name="message">The payload.</param>
    /// <exception cref="ChatModelException">The payload is a provider error, or malformed.</exception>
    public abstract void Translate(WireMessage message);

    /// <summary>Finishes the message once the body ended after the terminal event: open blocks, then <c>message-finish</c>.</summary>
    public abstract void Complete();

    /// <summary>Sees a payload that came after the terminal event; ignored unless a format says otherwise (Gemini's late usage).</summary>
    /// <param name="message">The payload.</param>
    public virtual void TranslateAfterTerminal(WireMessage message)
    {
    }

    /// <summary>Emits <c>message-start</c> once.</summary>
    /// <param name="id">The provider's message id; an empty one is none.</param>
    /// <param name="model">The model the provider reported.</param>
    /// <param name="usage">Partial usage known at the start.</param>
    protected void StartMessage(string? id, string? model, UsageInfo? usage = null)
    {
        if (Started)
        {
            return;
        }

        Started = true;
        Output.Add(new MessageStartEvent(string.IsNullOrEmpty(id) ? null : id, new MessageMetadata { Provider = Provider, Model = model }, usage));
    }

    /// <summary>Starts a block and returns its wire index.</summary>
    /// <param name="skeleton">The start form; tool calls carry their id and name.</param>
    /// <param name="finalize">Builds the finish form if the wire never finishes the block.</param>
    /// <returns>The wire index.</returns>
    protected int OpenBlock(ContentBlock skeleton, Func<ContentBlock> finalize)
    {
        int index = _nextIndex++;
        HasToolCalls |= skeleton is ToolCallChunkBlock;
        _open[index] = finalize;
        Output.Add(new ContentBlockStartEvent(index, skeleton));
        return index;
    }

    /// <summary>Emits a delta for an open block.</summary>
    /// <param name="index">The wire index.</param>
    /// <param name="delta">The delta.</param>
    protected void Delta(int index, ContentBlockDelta delta) => Output.Add(new ContentBlockDeltaEvent(index, delta));

    /// <summary>Finishes an open block with its final form; finishing twice is ignored.</summary>
    /// <param name="index">The wire index.</param>
    /// <param name="block">The final form, or <see langword="null"/> to use the block's own finalizer.</param>
    protected void FinishBlock(int index, ContentBlock? block = null)
    {
        if (_open.Remove(index, out Func<ContentBlock>? finalize))
        {
            Output.Add(new ContentBlockFinishEvent(index, block ?? finalize()));
        }
    }

    /// <summary>Finishes every block still open, in wire order (a call cut by the token limit, a format with no stop events).</summary>
    protected void FinishOpenBlocks()
    {
        foreach (int index in new List<int>(_open.Keys))
        {
            FinishBlock(index);
        }
    }

    /// <summary>Emits <c>message-finish</c> with the normalized finish reason, the raw one kept in metadata.</summary>
    /// <param name="usage">The usage.</param>
    /// <param name="rawReason">The provider's finish reason.</param>
    /// <param name="rawKey">The metadata key the raw reason is kept under.</param>
    /// <param name="extra">Further metadata, or <see langword="null"/>.</param>
    protected void FinishMessage(UsageInfo? usage, string? rawReason, string rawKey, Dictionary<string, JsonElement>? extra = null)
    {
        FinishOpenBlocks();
        Dictionary<string, JsonElement> metadata = extra ?? new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        metadata["model_provider"] = JsonValues.FromString(Provider);
        if (rawReason is not null)
        {
            metadata[rawKey] = JsonValues.FromString(rawReason);
        }

        Output.Add(new MessageFinishEvent(usage, FinishReasons.Normalize(rawReason, HasToolCalls), metadata));
    }

    /// <summary>Creates the exception for an error the provider reported in the stream.</summary>
    /// <param name="payload">The error payload.</param>
    /// <returns>The exception.</returns>
    protected ChatModelException StreamError(JsonElement payload) =>
        ProviderErrors.Create(Provider, ApiKey, payload, $"The {Provider} stream reported an error");

    /// <summary>Builds the finished form of a client tool call: a call, or an invalid call when the arguments are not a JSON object.</summary>
    /// <param name="id">The call id.</param>
    /// <param name="name">The tool name.</param>
    /// <param name="args">The accumulated arguments text.</param>
    /// <returns>The block.</returns>
    protected static ContentBlock FinishedCall(string? id, string? name, string args) =>
        ToolCallArguments.TryParse(args, out JsonElement parsed, out string? error)
            ? new ToolCallBlock(id, name ?? string.Empty, parsed)
            : new InvalidToolCallBlock(id, name, args, error);
}
