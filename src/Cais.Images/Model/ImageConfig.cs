using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cais.Images.Model;

/// <summary>
/// An image configuration (OCI image-spec config.md, Go type Image; Docker's
/// application/vnd.docker.container.image.v1+json has the same shape plus legacy fields, kept in
/// <see cref="Extra"/>). The image ID is the digest of this document's bytes.
/// </summary>
/// <remarks>
/// This model is for reading and building. Serialising it again does not reproduce the original
/// bytes (property order, escaping and number forms may differ), and the bytes are what the
/// image ID and the manifest's config digest name, so the content store keeps the original.
/// </remarks>
public sealed record ImageConfig
{
    /// <summary>RFC 3339 creation time, as written (see <see cref="Rfc3339"/>).</summary>
    [JsonPropertyName("created")]
    public string? Created { get; init; }

    [JsonPropertyName("author")]
    public string? Author { get; init; }

    [JsonPropertyName("architecture")]
    public string Architecture { get; init; } = "";

    [JsonPropertyName("os")]
    public string Os { get; init; } = "";

    [JsonPropertyName("os.version")]
    public string? OsVersion { get; init; }

    [JsonPropertyName("os.features")]
    public IReadOnlyList<string>? OsFeatures { get; init; }

    [JsonPropertyName("variant")]
    public string? Variant { get; init; }

    [JsonPropertyName("config")]
    public ContainerConfig? Config { get; init; }

    [JsonPropertyName("rootfs")]
    public required RootFs RootFs { get; init; }

    [JsonPropertyName("history")]
    public IReadOnlyList<HistoryEntry>? History { get; init; }

    /// <summary>Fields this model does not name (Docker's container, container_config, docker_version, ...).</summary>
    /// <remarks>Settable, not init-only: System.Text.Json cannot bind extension data through the
    /// constructor it uses for init-only properties.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    [JsonIgnore]
    public DateTimeOffset? CreatedTime => Rfc3339.TryParse(Created);

    /// <summary>The platform this image was built for.</summary>
    [JsonIgnore]
    public Platform Platform => new()
    {
        Architecture = Architecture,
        Os = Os,
        OsVersion = OsVersion,
        OsFeatures = OsFeatures,
        Variant = Variant,
    };

    /// <summary>The chain ID of each layer, base first (config.md "Layer ChainID").</summary>
    public IReadOnlyList<Cais.Images.Digest> ComputeChainIds() => ChainIds.Compute(RootFs.ParsedDiffIds);

    /// <summary>The image ID: the sha256 of the config's bytes exactly as stored (config.md "ImageID").</summary>
    public static Cais.Images.Digest ComputeId(ReadOnlySpan<byte> configJson) => Cais.Images.Digest.Of(configJson);
}

/// <summary>The layers of the root filesystem by DiffID, base first (config.md "rootfs").</summary>
public sealed record RootFs
{
    /// <summary>Must be "layers".</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "layers";

    /// <summary>The digest of each layer's uncompressed tar.</summary>
    [JsonPropertyName("diff_ids")]
    public IReadOnlyList<string> DiffIds { get; init; } = [];

    /// <summary>The DiffIDs, checked: a malformed one is an <see cref="InvalidImageException"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<Cais.Images.Digest> ParsedDiffIds
    {
        get
        {
            var result = new Cais.Images.Digest[DiffIds.Count];
            for (int i = 0; i < result.Length; i++)
            {
                if (!Cais.Images.Digest.TryParse(DiffIds[i], out result[i]))
                    throw new InvalidImageException($"rootfs.diff_ids[{i}]: invalid digest \"{DiffIds[i]}\"");
            }
            return result;
        }
    }
}

/// <summary>One step of the image's history (config.md "history"). Empty layers add no rootfs entry.</summary>
public sealed record HistoryEntry
{
    [JsonPropertyName("created")]
    public string? Created { get; init; }

    [JsonPropertyName("created_by")]
    public string? CreatedBy { get; init; }

    [JsonPropertyName("author")]
    public string? Author { get; init; }

    [JsonPropertyName("comment")]
    public string? Comment { get; init; }

    [JsonPropertyName("empty_layer")]
    public bool? EmptyLayer { get; init; }
}
