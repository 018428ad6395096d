using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Cais.Images.Model;

/// <summary>
/// Reading and writing image documents. Every failure is an <see cref="InvalidImageException"/>
/// that names the document, so "pull busybox" can say which manifest was malformed.
/// </summary>
public static class ModelJson
{
    // The default encoder escapes '+' (and non-ASCII), which every media type contains:
    // "application/vnd.oci.image.manifest.v1\u002Bjson" is valid JSON but unlike what any other
    // tool writes. The relaxed encoder writes such text as is; its "unsafe" concerns embedding in
    // HTML, which image documents never are.
    static readonly JsonSerializerOptions WriteOptions =
        new(ImageJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    static readonly ImageJsonContext Writer = new(WriteOptions);

    public static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        // A type info from another options instance would use the default encoder; look the type
        // up again in the writer's context, which knows every type ImageJsonContext does.
        var info = Writer.GetTypeInfo(typeof(T)) as JsonTypeInfo<T> ?? typeInfo;
        return JsonSerializer.SerializeToUtf8Bytes(value, info);
    }

    public static byte[] Serialize(ImageManifest manifest) => Serialize(manifest, ImageJsonContext.Default.ImageManifest);

    public static byte[] Serialize(ImageIndex index) => Serialize(index, ImageJsonContext.Default.ImageIndex);

    public static byte[] Serialize(ImageConfig config) => Serialize(config, ImageJsonContext.Default.ImageConfig);

    /// <param name="document">What the bytes are, for the message: "manifest sha256:...".</param>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json, JsonTypeInfo<T> typeInfo, string document) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(utf8Json, typeInfo)
                ?? throw new InvalidImageException($"{document}: the document is null");
        }
        catch (JsonException e)
        {
            throw new InvalidImageException($"{document}: malformed JSON: {e.Message}", e);
        }
    }

    /// <summary>An image manifest, checked for schema version 2 and a manifest media type.</summary>
    public static ImageManifest ReadManifest(ReadOnlySpan<byte> utf8Json, string document)
    {
        RequireKind(utf8Json, document, MediaTypes.IsManifest, "an image manifest");
        var manifest = Deserialize(utf8Json, ImageJsonContext.Default.ImageManifest, document);
        CheckSchemaVersion(manifest.SchemaVersion, manifest.MediaType, document);
        CheckDescriptor(manifest.Config, "config", document);
        for (int i = 0; i < manifest.Layers.Count; i++) CheckDescriptor(manifest.Layers[i], $"layers[{i}]", document);
        return manifest;
    }

    /// <summary>An index or manifest list, checked for schema version 2 and an index media type.</summary>
    public static ImageIndex ReadIndex(ReadOnlySpan<byte> utf8Json, string document)
    {
        RequireKind(utf8Json, document, MediaTypes.IsIndex, "an image index");
        var index = Deserialize(utf8Json, ImageJsonContext.Default.ImageIndex, document);
        CheckSchemaVersion(index.SchemaVersion, index.MediaType, document);
        for (int i = 0; i < index.Manifests.Count; i++) CheckDescriptor(index.Manifests[i], $"manifests[{i}]", document);
        return index;
    }

    /// <summary>An image config, checked for rootfs type "layers" and well-formed DiffIDs.</summary>
    public static ImageConfig ReadConfig(ReadOnlySpan<byte> utf8Json, string document)
    {
        var config = Deserialize(utf8Json, ImageJsonContext.Default.ImageConfig, document);
        if (config.RootFs.Type != "layers")
            throw new InvalidImageException($"{document}: rootfs.type is \"{config.RootFs.Type}\", expected \"layers\"");
        try
        {
            _ = config.RootFs.ParsedDiffIds;
        }
        catch (InvalidImageException e)
        {
            throw new InvalidImageException($"{document}: {e.Message}", e);
        }
        return config;
    }

    /// <summary>
    /// The media type of a manifest or index: its own mediaType field, else guessed from its shape
    /// (manifests → index; config → manifest; schemaVersion 1 or fsLayers → schema 1).
    /// </summary>
    public static string DetectMediaType(ReadOnlySpan<byte> utf8Json, string document)
    {
        var probe = Deserialize(utf8Json, ImageJsonContext.Default.DocumentProbe, document);
        if (!string.IsNullOrEmpty(probe.MediaType)) return probe.MediaType;
        if (probe.SchemaVersion == 1 || probe.FsLayers is not null) return MediaTypes.DockerSchema1Manifest;
        if (probe.Manifests is not null) return MediaTypes.OciIndex;
        if (probe.Config is not null) return MediaTypes.OciManifest;
        throw new InvalidImageException($"{document}: neither a manifest nor an index (no mediaType, manifests or config)");
    }

    // The kind is checked before the full read, so a manifest handed over as an index is named as
    // such rather than reported as missing "manifests".
    static void RequireKind(ReadOnlySpan<byte> utf8Json, string document, Func<string, bool> isKind, string kind)
    {
        var type = DetectMediaType(utf8Json, document);
        if (MediaTypes.IsSchema1(type)) CheckSchemaVersion(1, type, document);
        if (!isKind(type)) throw new InvalidImageException($"{document}: mediaType {type} is not {kind}");
    }

    static void CheckSchemaVersion(int version, string? mediaType, string document)
    {
        if (MediaTypes.IsSchema1(mediaType) || version == 1)
            throw new InvalidImageException($"{document}: schema 1 manifests are not supported; push the image again with a current client");
        if (version != 2)
            throw new InvalidImageException($"{document}: schemaVersion {version} is not supported, expected 2");
    }

    static void CheckDescriptor(Descriptor descriptor, string field, string document)
    {
        if (!Digest.TryParse(descriptor.Digest, out _))
            throw new InvalidImageException($"{document}: {field}.digest \"{descriptor.Digest}\" is not a valid digest");
        if (descriptor.Size < 0)
            throw new InvalidImageException($"{document}: {field}.size is negative ({descriptor.Size})");
    }
}
