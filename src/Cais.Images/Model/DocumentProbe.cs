using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cais.Images.Model;

/// <summary>
/// The few fields that tell a manifest from an index when a document carries no mediaType
/// (OCI makes it optional; registries then report the type in Content-Type, and OCI layouts
/// not at all). containerd guesses the same way (remotes/docker, detectManifestMediaType).
/// </summary>
public sealed record DocumentProbe
{
    [JsonPropertyName("schemaVersion")]
    public int? SchemaVersion { get; init; }

    [JsonPropertyName("mediaType")]
    public string? MediaType { get; init; }

    [JsonPropertyName("manifests")]
    public JsonElement? Manifests { get; init; }

    [JsonPropertyName("config")]
    public JsonElement? Config { get; init; }

    [JsonPropertyName("layers")]
    public JsonElement? Layers { get; init; }

    /// <summary>Schema 1 manifests list "fsLayers" instead of "layers".</summary>
    [JsonPropertyName("fsLayers")]
    public JsonElement? FsLayers { get; init; }
}
