using System.Text.Json.Serialization;

namespace Cais.Images.Model;

/// <summary>
/// An index of manifests, one per platform (OCI image-spec image-index.md; Docker's manifest
/// list, application/vnd.docker.distribution.manifest.list.v2+json). BuildKit also lists
/// attestation manifests here, with platform unknown/unknown (see <see cref="PlatformMatcher"/>).
/// </summary>
public sealed record ImageIndex
{
    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; init; } = 2;

    [JsonPropertyName("mediaType")]
    public string? MediaType { get; init; }

    [JsonPropertyName("artifactType")]
    public string? ArtifactType { get; init; }

    [JsonPropertyName("manifests")]
    public required IReadOnlyList<Descriptor> Manifests { get; init; }

    [JsonPropertyName("subject")]
    public Descriptor? Subject { get; init; }

    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
