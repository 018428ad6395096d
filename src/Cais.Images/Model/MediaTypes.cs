using Cais.Images.Layers;
namespace Cais.Images.Model;

/// <summary>
/// Media types of image documents and layers: OCI image-spec media-types.md, and Docker's image
/// manifest v2 schema 2 (distribution docs/spec/manifest-v2-2.md). Docker's and OCI's types are
/// interchangeable in structure; registries and Docker accept both.
/// </summary>
public static class MediaTypes
{
    // OCI image-spec media-types.md
    public const string OciDescriptor = "application/vnd.oci.descriptor.v1+json";
    public const string OciLayoutHeader = "application/vnd.oci.layout.header.v1+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    public const string OciLayer = "application/vnd.oci.image.layer.v1.tar";
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string OciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";

    /// <summary>The empty descriptor's type, "{}" (image-spec manifest.md "Guidance for an Empty Descriptor").</summary>
    public const string OciEmpty = "application/vnd.oci.empty.v1+json";

    // Deprecated by image-spec 1.1 but still found in registries (Windows base layers).
    public const string OciLayerNondistributable = "application/vnd.oci.image.layer.nondistributable.v1.tar";
    public const string OciLayerNondistributableGzip = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    public const string OciLayerNondistributableZstd = "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";

    // Docker image manifest v2 schema 2 and manifest list
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /// <summary>An uncompressed Docker layer (moby's MediaTypeUncompressedLayer); rare on the wire.</summary>
    public const string DockerLayer = "application/vnd.docker.image.rootfs.diff.tar";

    /// <summary>A layer fetched from its descriptor's urls, not pushed to the registry (Windows base images).</summary>
    public const string DockerForeignLayerGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    // Schema 1 manifests: recognised only to be refused by name (Docker removed support in 2023).
    public const string DockerSchema1Manifest = "application/vnd.docker.distribution.manifest.v1+json";
    public const string DockerSchema1SignedManifest = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    /// <summary>In-toto attestations BuildKit attaches to images (provenance, SBOM).</summary>
    public const string InToto = "application/vnd.in-toto+json";

    public static bool IsManifest(string? mediaType) => mediaType is OciManifest or DockerManifest;

    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;

    public static bool IsConfig(string? mediaType) => mediaType is OciConfig or DockerConfig;

    public static bool IsSchema1(string? mediaType) => mediaType is DockerSchema1Manifest or DockerSchema1SignedManifest;

    public static bool IsLayer(string? mediaType) => mediaType is OciLayer or OciLayerGzip or OciLayerZstd
        or OciLayerNondistributable or OciLayerNondistributableGzip or OciLayerNondistributableZstd
        or DockerLayer or DockerLayerGzip or DockerForeignLayerGzip;

    /// <summary>Layers whose blobs come from the descriptor's urls and are never pushed.</summary>
    public static bool IsForeignLayer(string? mediaType) => mediaType is DockerForeignLayerGzip
        or OciLayerNondistributable or OciLayerNondistributableGzip or OciLayerNondistributableZstd;

    /// <summary>How a layer blob is compressed; null when the type is not a known layer type.</summary>
    public static LayerCompressionKind? CompressionOf(string? mediaType) => mediaType switch
    {
        OciLayer or OciLayerNondistributable or DockerLayer => LayerCompressionKind.None,
        OciLayerGzip or OciLayerNondistributableGzip or DockerLayerGzip or DockerForeignLayerGzip => LayerCompressionKind.Gzip,
        OciLayerZstd or OciLayerNondistributableZstd => LayerCompressionKind.Zstd,
        _ => null,
    };
}
