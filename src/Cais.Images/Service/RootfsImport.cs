using System.Security.Cryptography;
using Cais.Images.Archives;
using Cais.Images.Layers;
using Cais.Images.Model;
using Cais.Images.References;

namespace Cais.Images.Service;

/// <summary>
/// `docker import`: a root filesystem tarball (plain, gzip or zstd; a file or stdin) becomes a
/// one-layer image, with `-c` changes applied to its config and `-m` as its comment.
/// </summary>
public static class RootfsImport
{
    // Under one lease from the start: the spooled tarball in the store's TempDir is scratch.
    public static ImportResult Import(ImageStore store, Stream tarball, ImageReference? tag, IReadOnlyList<string> changes, string? message, string source) =>
        store.WithContentLease(() => ImportLeased(store, tarball, tag, changes, message, source));

    static ImportResult ImportLeased(ImageStore store, Stream tarball, ImageReference? tag, IReadOnlyList<string> changes, string? message, string source)
    {
        var containerConfig = ConfigChanges.Apply(null, changes);
        var spool = Path.Combine(store.TempDir, "import-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var file = File.Create(spool)) tarball.CopyTo(file);
            var mediaType = DockerArchiveReader.SniffMediaType(spool);
            // The config must name the layer's diff id (sha256 of the uncompressed tar) before
            // the store unpacks it and checks that it matches.
            Digest diffId;
            using (var raw = File.OpenRead(spool))
            using (var plain = LayerCompression.Decompress(raw))
                diffId = Digest.FromHash(SHA256.HashData(plain));
            var created = Rfc3339.Format(DateTimeOffset.UtcNow);
            var comment = string.IsNullOrEmpty(message) ? $"Imported from {source}" : message;
            var platform = HostPlatform.Current;
            var config = new ImageConfig
            {
                Created = created, Architecture = platform.Architecture, Os = platform.Os, Variant = platform.Variant,
                Config = containerConfig,
                RootFs = new RootFs { DiffIds = [diffId.ToString()] },
                History = [new HistoryEntry { Created = created, Comment = comment }],
            };
            var layer = new LayerSource(() => File.OpenRead(spool), mediaType);
            return store.Import(new ImportRequest(ModelJson.Serialize(config), [layer]) { Tags = tag is null ? [] : [tag] });
        }
        finally
        {
            File.Delete(spool);
        }
    }
}
