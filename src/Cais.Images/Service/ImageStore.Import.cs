using Cais.Images.Layers;
using Cais.Images.Metadata;
using Cais.Images.Model;
using Cais.Images.References;

namespace Cais.Images.Service;

/// <summary>One layer of an image being stored: where its blob comes from, and what it is.</summary>
/// <param name="Open">Opens the blob (compressed or not), when it is not in the content store yet.</param>
/// <param name="MediaType">The layer media type the blob is stored under.</param>
/// <param name="BlobDigest">The blob's digest, when known in advance (verified on write).</param>
public sealed record LayerSource(Func<Stream> Open, string MediaType, Digest? BlobDigest = null, long? BlobSize = null);

/// <summary>An image to store: its config's exact bytes (they are its id), its layers base first, names.</summary>
public sealed record ImportRequest(byte[] ConfigJson, IReadOnlyList<LayerSource> Layers)
{
    public IReadOnlyList<ImageReference> Tags { get; init; } = [];
    public IReadOnlyList<ImageReference> RepoDigests { get; init; } = [];
    /// <summary>The local image this one was built or committed on.</summary>
    public Digest? Parent { get; init; }
}

/// <summary>What storing an image did: its id, and the images that lost a name to it.</summary>
public sealed record ImportResult(Digest Id, bool Added, IReadOnlyList<string> Tagged, IReadOnlyList<string> ImagesThatLostATag);

public sealed partial class ImageStore
{
    /// <summary>
    /// Stores an image: each layer's blob (verified), each layer unpacked once per chain id and
    /// checked against the config's diff id, the config and an OCI manifest; then, in one
    /// transaction, the image, its layers and its names.
    /// </summary>
    public ImportResult Import(ImportRequest request) => WithContentLease(() => ImportLeased(request));

    ImportResult ImportLeased(ImportRequest request)
    {
        var config = ModelJson.ReadConfig(request.ConfigJson, "image config");
        var diffIds = config.RootFs.ParsedDiffIds;
        if (diffIds.Count != request.Layers.Count)
            throw new InvalidImageException($"image config: it lists {diffIds.Count} layers, the image has {request.Layers.Count}");
        var chainIds = ChainIds.Compute(diffIds);
        var layers = new List<ImageLayerRecord>();
        var newLayers = new List<LayerRecord>();
        long size = 0;
        for (int i = 0; i < request.Layers.Count; i++)
        {
            var source = request.Layers[i];
            var blob = source.BlobDigest is { } known && Content.Exists(known)
                ? new Content.ContentInfo(known, Content.SizeOf(known)!.Value)
                : WriteBlob(source);
            var parent = i == 0 ? (Digest?)null : chainIds[i - 1];
            var layer = EnsureUnpacked(blob.Digest, diffIds[i], chainIds[i], parent, i);
            if (layer.Added) newLayers.Add(layer.Record);
            size += layer.Record.Size;
            layers.Add(new ImageLayerRecord(i, chainIds[i].ToString(), diffIds[i].ToString(), blob.Digest.ToString(), source.MediaType, blob.Size));
        }

        var configInfo = Content.Write(request.ConfigJson);
        var manifest = new ImageManifest
        {
            SchemaVersion = 2,
            MediaType = MediaTypes.OciManifest,
            Config = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = configInfo.Digest.ToString(), Size = configInfo.Size },
            Layers = [.. layers.Select(l => new Descriptor { MediaType = l.MediaType, Digest = l.Blob, Size = l.BlobSize })],
        };
        var manifestInfo = Content.Write(ModelJson.Serialize(manifest));
        var id = configInfo.Digest;
        var now = DateTime.UtcNow;
        return Metadata.Write(tx =>
        {
            foreach (var l in newLayers) tx.AddLayer(l);
            bool added = tx.AddImage(new ImageRecord(id.ToString(), manifestInfo.Digest.ToString(), config.Created, size,
                chainIds.Count > 0 ? chainIds[^1].ToString() : null, request.Parent?.ToString(), now), layers);
            var lost = new List<string>();
            foreach (var tag in request.Tags)
                if (tx.SetTag(tag.ToString(), id.ToString(), now) is { } previous) lost.Add(previous);
            foreach (var digest in request.RepoDigests) tx.AddRepoDigest(digest.ToString(), id.ToString());
            return new ImportResult(id, added, [.. request.Tags.Select(t => t.FamiliarString())], lost);
        });
    }

    Content.ContentInfo WriteBlob(LayerSource source)
    {
        using var stream = source.Open();
        return Content.Write(stream, source.BlobDigest, source.BlobSize);
    }

    /// <summary>Unpacks a layer blob once per chain id (a shared base is unpacked once for all images).</summary>
    (LayerRecord Record, bool Added) EnsureUnpacked(Digest blob, Digest diffId, Digest chainId, Digest? parent, int position)
    {
        if (Snapshots.HasLayer(chainId))
        {
            var known = Metadata.FindLayer(chainId.ToString());
            // Unpacked but not recorded: a crash between the two; the content was verified before
            // the commit, so only its size needs measuring again.
            return known is not null ? (known, false)
                : (new LayerRecord(chainId.ToString(), diffId.ToString(), parent?.ToString(), LayerSize.Of(Snapshots.LayerDir(chainId))), true);
        }
        using var staged = Snapshots.Stage();
        ApplyResult result;
        using (var stream = Content.OpenRead(blob))
            result = LayerApplier.Apply(stream, staged.Dir, new ApplyOptions { AllowDevices = true });
        if (result.DiffId != diffId)
            throw new InvalidImageException($"layer {position}: its content has diff id {result.DiffId}, the image config says {diffId}");
        long size = LayerSize.Of(staged.Dir);
        Snapshots.Commit(staged, chainId, parent);
        return (new LayerRecord(chainId.ToString(), diffId.ToString(), parent?.ToString(), size), true);
    }
}
