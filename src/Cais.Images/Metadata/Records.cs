namespace Cais.Images.Metadata;

/// <summary>One stored image.</summary>
public sealed record ImageRecord(
    string Id, string? Manifest, string? Created, long Size, string? TopChain, string? Parent, DateTime Added);

/// <summary>One layer of an image, base first: how it is unpacked (chain id) and how it is stored (blob).</summary>
public sealed record ImageLayerRecord(int Position, string ChainId, string DiffId, string Blob, string MediaType, long BlobSize);

/// <summary>An unpacked layer in the snapshotter.</summary>
public sealed record LayerRecord(string ChainId, string DiffId, string? Parent, long Size);

/// <summary>A name pointing at an image.</summary>
public sealed record TagRecord(string Reference, string ImageId, DateTime Added);
