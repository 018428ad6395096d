namespace Cais.Images.Layers;

/// <summary>How <see cref="LayerDiffer"/> writes a layer.</summary>
public sealed record DiffOptions
{
    public static readonly DiffOptions Default = new();

    /// <summary>
    /// SOURCE_DATE_EPOCH (reproducible-builds.org): modification times later than this are
    /// written as this, so rebuilding the same content gives the same DiffId.
    /// </summary>
    public DateTimeOffset? SourceDateEpoch { get; init; }

    /// <summary>Compress what is written to the output (the DiffId is still of the plain tar).</summary>
    public LayerCompressionKind Compression { get; init; } = LayerCompressionKind.None;

    /// <summary>The compression level; null for the format's default (see <see cref="LayerCompression.Compress"/>).</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>
    /// Paths relative to the root ("etc/hosts", no leading or trailing slash) left out with
    /// whatever is below them: a container's mount points that the runtime created in its
    /// upper directory, which are not the container's changes.
    /// </summary>
    public IReadOnlySet<string>? Exclude { get; init; }
}

/// <summary>What a diff wrote.</summary>
/// <param name="DiffId">sha256 of the uncompressed tar.</param>
/// <param name="Size">Bytes in the uncompressed tar.</param>
public sealed record DiffResult(Digest DiffId, long Size)
{
    /// <summary>sha256 of the bytes written to the output: the blob's digest (the DiffId when uncompressed).</summary>
    public Digest BlobDigest { get; init; }

    /// <summary>Bytes written to the output (the tar's size when uncompressed).</summary>
    public long BlobSize { get; init; }

    /// <summary>Entries written, whiteouts included.</summary>
    public int EntryCount { get; init; }
}
