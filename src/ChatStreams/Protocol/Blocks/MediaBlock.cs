namespace ChatStreams;

/// <summary>Represents the fields image, audio, video and file blocks share: a reference or inline data.</summary>
public abstract record MediaBlock : ContentBlock
{
    /// <summary>Initializes the base; only this library defines media types.</summary>
    private protected MediaBlock()
    {
    }

    /// <summary>Gets the block id, if any.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the provider's file id, if any.</summary>
    public string? FileId { get; init; }

    /// <summary>Gets the URL of the content, if any.</summary>
    public string? Url { get; init; }

    /// <summary>Gets the base64-encoded content, if inline.</summary>
    public string? Base64 { get; init; }

    /// <summary>Gets the encoded data accumulated from <see cref="DataDelta"/>s, if any.</summary>
    public string? Data { get; init; }

    /// <summary>Gets the MIME type, if known.</summary>
    public string? MimeType { get; init; }
}
