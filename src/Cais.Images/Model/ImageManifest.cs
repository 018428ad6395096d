using System.Text.Json.Serialization;

namespace Cais.Images.Model;

/// <summary>
/// An image manifest: one config and its ordered layers (OCI image-spec manifest.md; Docker image
/// manifest v2 schema 2, which differs only in media types). Layers are listed base first.
/// </summary>
public sealed record ImageManifest
{
    /// <summary>Always 2 for both OCI and Docker v2 schema 2.</summary>
    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; init; } = 2;

    /// <summary>Optional in OCI (but recommended), required by Docker v2 schema 2.</summary>
    [JsonPropertyName("mediaType")]
    public string? MediaType { get; init; }

    [JsonPropertyName("artifactType")]
    public string? ArtifactType { get; init; }

    [JsonPropertyName("config")]
    public required Descriptor Config { get; init; }

    [JsonPropertyName("layers")]
    public required IReadOnlyList<Descriptor> Layers { get; init; }

    /// <summary>The manifest this one refers to (image-spec 1.1 referrers: signatures, SBOMs).</summary>
    [JsonPropertyName("subject")]
    public Descriptor? Subject { get; init; }

    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
