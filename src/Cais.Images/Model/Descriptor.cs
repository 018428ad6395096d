using System.Text.Json.Serialization;

namespace Cais.Images.Model;

/// <summary>
/// A content descriptor: what a blob is, its digest and its size (OCI image-spec descriptor.md;
/// Docker's manifest v2 schema 2 uses the same shape). Properties are in the order of the
/// image-spec Go type, so documents cais writes look like those Go tools write.
/// </summary>
public sealed record Descriptor
{
    [JsonPropertyName("mediaType")]
    public required string MediaType { get; init; }

    /// <summary>The digest as written; <see cref="ParsedDigest"/> checks it.</summary>
    [JsonPropertyName("digest")]
    public required string Digest { get; init; }

    [JsonPropertyName("size")]
    public required long Size { get; init; }

    /// <summary>Where else the blob may be fetched from (foreign layers).</summary>
    [JsonPropertyName("urls")]
    public IReadOnlyList<string>? Urls { get; init; }

    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>The blob itself, embedded (descriptor.md "data", base64 in JSON); must match digest and size.</summary>
    [JsonPropertyName("data")]
    public byte[]? Data { get; init; }

    /// <summary>The platform of a manifest listed in an index (image-index.md).</summary>
    [JsonPropertyName("platform")]
    public Platform? Platform { get; init; }

    /// <summary>The type of an artifact, for manifests that describe one (image-spec 1.1).</summary>
    [JsonPropertyName("artifactType")]
    public string? ArtifactType { get; init; }

    /// <summary>The digest, checked: a malformed one is an <see cref="InvalidImageException"/>.</summary>
    [JsonIgnore]
    public Cais.Images.Digest ParsedDigest
    {
        get
        {
            if (Cais.Images.Digest.TryParse(Digest, out var d)) return d;
            try
            {
                Cais.Images.Digest.Parse(Digest);
            }
            catch (FormatException e)
            {
                throw new InvalidImageException($"descriptor of {MediaType}: {e.Message}", e);
            }
            throw new InvalidImageException($"descriptor of {MediaType}: invalid digest \"{Digest}\"");
        }
    }

    /// <summary>A descriptor for <paramref name="content"/>: its sha256 digest and length.</summary>
    public static Descriptor Of(string mediaType, ReadOnlySpan<byte> content) => new()
    {
        MediaType = mediaType,
        Digest = Cais.Images.Digest.Of(content).ToString(),
        Size = content.Length,
    };
}
