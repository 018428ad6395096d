using System.Text.Json;
using Cais.Images.Model;
using Cais.Images.References;
using Cais.Images.Service;

namespace Cais.Images.Archives;

/// <summary>
/// `docker load`: reads a docker-archive (manifest.json, any Docker version: legacy
/// &lt;id&gt;/layer.tar paths and Docker 25's blobs/sha256/ paths alike) or a plain OCI image
/// layout (index.json only, names from the containerd or OCI ref-name annotations), and stores
/// each image with its tags. Reports lines as docker does ("Loaded image: busybox:latest").
/// </summary>
public static class DockerArchiveReader
{
    // Under one lease from the start: the archive extracted into the store's TempDir is scratch.
    public static List<string> Load(ImageStore store, Stream input) => Load(store, input, []);

    /// <summary>Loads the archive; <paramref name="loaded"/> receives the id of each image stored, in archive order.</summary>
    public static List<string> Load(ImageStore store, Stream input, List<Digest> loaded) =>
        store.WithContentLease(() => LoadLeased(store, input, loaded));

    static List<string> LoadLeased(ImageStore store, Stream input, List<Digest> loaded)
    {
        using var archive = ArchiveExtractor.Extract(input, store.TempDir);
        var report = new Report(new List<string>(), loaded);
        if (archive.PathOf("manifest.json") is not null)
        {
            var items = JsonSerializer.Deserialize(archive.ReadAll("manifest.json"), ArchiveJsonContext.Default.ListArchiveManifestItem)
                ?? throw new InvalidDataException("image archive: manifest.json is empty");
            foreach (var item in items) LoadOne(store, archive, item.Config, item.Layers, ParseTags(item.RepoTags), report);
        }
        else if (archive.PathOf("index.json") is not null)
        {
            var index = ModelJson.ReadIndex(archive.ReadAll("index.json"), "index.json");
            foreach (var d in index.Manifests ?? []) LoadOci(store, archive, d, report);
        }
        else
        {
            throw new InvalidDataException("image archive: neither manifest.json nor index.json found (is this a `docker save` or OCI layout tar?)");
        }
        return report.Lines;
    }

    /// <summary>What a load tells its caller: the lines docker prints, and the ids of the images stored.</summary>
    sealed record Report(List<string> Lines, List<Digest> Ids)
    {
        public void Add(string line) => Lines.Add(line);
    }

    static List<ImageReference> ParseTags(IEnumerable<string>? tags) => [.. (tags ?? []).Select(ImageReference.Parse)];

    static void LoadOci(ImageStore store, ArchiveExtractor archive, Descriptor d, Report report)
    {
        var bytes = archive.ReadAll(BlobPath(d.ParsedDigest));
        if (MediaTypes.IsIndex(d.MediaType))
        {
            var nested = ModelJson.ReadIndex(bytes, d.Digest);
            var chosen = PlatformMatcher.Host.Choose(nested);
            LoadOci(store, archive, chosen with { Annotations = d.Annotations ?? chosen.Annotations }, report);
            return;
        }
        var manifest = ModelJson.ReadManifest(bytes, d.Digest);
        var tags = new List<ImageReference>();
        if (d.Annotations?.GetValueOrDefault("io.containerd.image.name") is { } full && ImageReference.TryParse(full, out var named))
            tags.Add(named);
        else if (d.Annotations?.GetValueOrDefault("org.opencontainers.image.ref.name") is { } refName
                 && refName.Contains('/') && ImageReference.TryParse(refName, out var asName))
            tags.Add(asName);
        var layers = (manifest.Layers ?? []).Select(l => new LayerArchiveEntry(BlobPath(l.ParsedDigest), l.MediaType, l.ParsedDigest)).ToList();
        LoadOne(store, archive, BlobPath(manifest.Config.ParsedDigest), layers, tags, report);
    }

    static string BlobPath(Digest d) => $"blobs/{d.Algorithm}/{d.Hex}";

    sealed record LayerArchiveEntry(string Path, string? MediaType, Digest? Digest);

    static void LoadOne(ImageStore store, ArchiveExtractor archive, string configPath, List<string> layerPaths, List<ImageReference> tags, Report report) =>
        LoadOne(store, archive, configPath, [.. layerPaths.Select(p => new LayerArchiveEntry(p, null, null))], tags, report);

    static void LoadOne(ImageStore store, ArchiveExtractor archive, string configPath, List<LayerArchiveEntry> layers, List<ImageReference> tags, Report report)
    {
        var config = archive.ReadAll(configPath);
        var sources = layers.Select(l =>
        {
            var path = archive.PathOf(l.Path) ?? throw new InvalidDataException($"image archive: layer {l.Path} is missing");
            return new LayerSource(() => File.OpenRead(path), l.MediaType ?? SniffMediaType(path), l.Digest);
        }).ToList();
        var before = tags.ToDictionary(t => t, t => store.Metadata.ResolveTag(t.ToString()));
        var result = store.Import(new ImportRequest(config, sources) { Tags = tags });
        if (!report.Ids.Contains(result.Id)) report.Ids.Add(result.Id);
        foreach (var t in tags)
        {
            if (before[t] is { } old && old != result.Id.ToString())
                report.Add($"The image {t.FamiliarString()} already exists, renaming the old one with ID {old} to empty string");
            report.Add($"Loaded image: {t.FamiliarString()}");
        }
        if (tags.Count == 0) report.Add($"Loaded image ID: {result.Id}");
    }

    /// <summary>docker-archive layers carry no media type: tell plain, gzip and zstd tars apart by their first bytes.</summary>
    internal static string SniffMediaType(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var f = File.OpenRead(path);
        int n = f.Read(head);
        if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b) return MediaTypes.OciLayerGzip;
        if (n >= 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd) return MediaTypes.OciLayerZstd;
        return MediaTypes.OciLayer;
    }
}
