using System.Formats.Tar;
using System.Text;
using System.Text.Json;
using Cais.Images.Layers;
using Cais.Images.Model;
using Cais.Images.References;
using Cais.Images.Service;

namespace Cais.Images.Archives;

/// <summary>
/// `docker save`: the docker-archive format Docker 25 and later write, which is an OCI image
/// layout plus the legacy manifest.json and repositories files: blobs/sha256/ holds the
/// configs, an OCI manifest per image and its layers as plain tars named by diff id;
/// index.json names each image (the containerd and OCI ref-name annotations). Every entry has
/// a zero timestamp, so saving the same images twice gives the same bytes.
/// </summary>
public static class DockerArchiveWriter
{
    /// <summary>Writes the images <paramref name="names"/> name; returns their ids, in archive order.</summary>
    public static IReadOnlyList<Digest> Save(ImageStore store, IReadOnlyList<string> names, Stream output)
    {
        // Its decompressed layers in the store's TempDir are scratch, and the blobs it reads
        // must outlive a concurrent prune.
        using var lease = store.LeaseContent();
        var images = SelectImages(store, names);
        using var tar = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true);
        var written = new HashSet<string>();
        var manifestItems = new List<ArchiveManifestItem>();
        var repositories = new SortedDictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var indexEntries = new List<Descriptor>();
        WriteDirectory(tar, "blobs/");
        WriteDirectory(tar, "blobs/sha256/");
        foreach (var (id, refs) in images)
        {
            var (config, raw) = store.ConfigOf(id);
            WriteBlob(tar, written, id, raw);
            var layerPaths = new List<string>();
            var layerDescriptors = new List<Descriptor>();
            foreach (var layer in store.Metadata.LayersOf(id.ToString()))
            {
                var diffId = Digest.Parse(layer.DiffId);
                long size = WriteLayer(store, tar, written, Digest.Parse(layer.Blob), diffId, layer.MediaType);
                layerPaths.Add("blobs/sha256/" + diffId.Hex);
                layerDescriptors.Add(new Descriptor { MediaType = MediaTypes.OciLayer, Digest = diffId.ToString(), Size = size });
            }
            var manifest = new ImageManifest
            {
                SchemaVersion = 2, MediaType = MediaTypes.OciManifest,
                Config = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = id.ToString(), Size = raw.Length, Platform = config.Platform },
                Layers = layerDescriptors,
            };
            var manifestBytes = ModelJson.Serialize(manifest);
            var manifestDigest = Digest.Of(manifestBytes);
            WriteBlob(tar, written, manifestDigest, manifestBytes);
            manifestItems.Add(new ArchiveManifestItem
            {
                Config = "blobs/sha256/" + id.Hex, RepoTags = [.. refs.Select(r => r.FamiliarString())], Layers = layerPaths,
            });
            var topV1 = LegacyV1Id(config.ComputeChainIds());
            foreach (var r in refs)
            {
                if (!repositories.TryGetValue(r.FamiliarName, out var tags)) repositories[r.FamiliarName] = tags = [];
                tags[r.Tag!] = topV1;
                indexEntries.Add(new Descriptor
                {
                    MediaType = MediaTypes.OciManifest, Digest = manifestDigest.ToString(), Size = manifestBytes.Length, Platform = config.Platform,
                    Annotations = new Dictionary<string, string> { ["io.containerd.image.name"] = r.ToString(), ["org.opencontainers.image.ref.name"] = r.Tag! },
                });
            }
            if (refs.Count == 0)
                indexEntries.Add(new Descriptor { MediaType = MediaTypes.OciManifest, Digest = manifestDigest.ToString(), Size = manifestBytes.Length, Platform = config.Platform });
        }
        WriteFile(tar, "index.json", ModelJson.Serialize(new ImageIndex { SchemaVersion = 2, MediaType = MediaTypes.OciIndex, Manifests = indexEntries }));
        WriteFile(tar, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifestItems, ArchiveJsonContext.Default.ListArchiveManifestItem));
        WriteFile(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}"u8.ToArray());
        if (repositories.Count > 0)
            WriteFile(tar, "repositories", JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, Dictionary<string, string>>(repositories),
                ArchiveJsonContext.Default.DictionaryStringDictionaryStringString));
        return [.. images.Select(i => i.Id)];
    }

    /// <summary>
    /// The images a save covers, each with the names to record: name:tag saves that tag, a bare
    /// name every tag of that repository, an id the image alone (no names).
    /// </summary>
    static List<(Digest Id, List<ImageReference> Refs)> SelectImages(ImageStore store, IReadOnlyList<string> names)
    {
        var result = new List<(Digest, List<ImageReference>)>();
        void Add(Digest id, ImageReference? r)
        {
            var entry = result.FirstOrDefault(e => e.Item1 == id);
            if (entry.Item2 is null) { entry = (id, []); result.Add(entry); }
            if (r is { Tag: not null } && !entry.Item2.Contains(r)) entry.Item2.Add(r);
        }
        foreach (var name in names)
        {
            if (!ImageIds.IsIdOrPrefix(name) && ImageReference.TryParse(name, out var parsed) && parsed.Digest is null
                && !name.Contains(':', StringComparison.Ordinal) && ReferenceNameOnly(store, parsed) is { Count: > 0 } all)
            {
                foreach (var (tag, id) in all) Add(id, tag);
                continue;
            }
            var resolved = store.Resolve(name);
            Add(resolved, store.IsIdReference(name) ? null : ImageReference.Parse(name) is { Digest: null } t ? t : null);
        }
        return result;
    }

    /// <summary>Every tag of the repository <paramref name="reference"/> names.</summary>
    static List<(ImageReference Tag, Digest Id)> ReferenceNameOnly(ImageStore store, ImageReference reference) =>
        [.. store.Metadata.Tags()
            .Select(t => (Ref: ImageReference.Parse(t.Reference), t.ImageId))
            .Where(t => t.Ref.Name == reference.Name)
            .Select(t => (t.Ref, Digest.Parse(t.ImageId)))];

    /// <summary>A layer as a plain tar named by its diff id (decompressing a stored compressed blob); returns its size.</summary>
    static long WriteLayer(ImageStore store, TarWriter tar, HashSet<string> written, Digest blob, Digest diffId, string mediaType)
    {
        var path = "blobs/sha256/" + diffId.Hex;
        if (MediaTypes.CompressionOf(mediaType) is null or LayerCompressionKind.None && blob == diffId)
        {
            long size = store.Content.SizeOf(blob)!.Value;
            if (written.Add(path))
                using (var s = store.Content.OpenRead(blob)) WriteStream(tar, path, s);
            return size;
        }
        // A compressed blob: docker-archive layers are plain tars, so decompress to a temporary
        // file first (a tar header needs the size before the data).
        var temp = Path.Combine(store.TempDir, "save-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var input = store.Content.OpenRead(blob))
            using (var plain = LayerCompression.Decompress(input))
            using (var file = File.Create(temp))
                plain.CopyTo(file);
            long size = new FileInfo(temp).Length;
            if (written.Add(path))
                using (var s = File.OpenRead(temp)) WriteStream(tar, path, s);
            return size;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    static void WriteBlob(TarWriter tar, HashSet<string> written, Digest digest, byte[] data)
    {
        var path = "blobs/sha256/" + digest.Hex;
        if (written.Add(path)) WriteFile(tar, path, data);
    }

    static void WriteFile(TarWriter tar, string name, byte[] data)
    {
        using var ms = new MemoryStream(data, writable: false);
        WriteStream(tar, name, ms);
    }

    static void WriteStream(TarWriter tar, string name, Stream data)
    {
        var entry = new UstarTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = data, ModificationTime = DateTimeOffset.UnixEpoch, Mode = (UnixFileMode)0x1A4 /*0644*/,
        };
        tar.WriteEntry(entry);
    }

    static void WriteDirectory(TarWriter tar, string name) =>
        tar.WriteEntry(new UstarTarEntry(TarEntryType.Directory, name) { ModificationTime = DateTimeOffset.UnixEpoch, Mode = (UnixFileMode)0x1ED });

    /// <summary>
    /// A stand-in for Docker's legacy v1 layer id of the top layer, which only the "repositories"
    /// file of pre-1.10 readers uses: any stable id works, so it is derived from the chain ids.
    /// </summary>
    static string LegacyV1Id(IReadOnlyList<Digest> chainIds) =>
        Digest.Of(Encoding.UTF8.GetBytes("v1:" + string.Join(',', chainIds))).Hex;
}
