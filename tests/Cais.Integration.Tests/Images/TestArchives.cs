using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cais.Integration.Tests.Images;

/// <summary>
/// Image archives written by the test itself, byte by byte as other tools write them: Docker's
/// legacy docker-archive (Docker 24 and older) and a bare OCI image layout; plus readers for
/// what cais writes.
/// </summary>
public static class TestArchives
{
    /// <summary>"sha256:" and the hex of the sha256 of <paramref name="data"/>.</summary>
    public static string Sha256(byte[] data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));

    public static string Hex(string digest) => digest["sha256:".Length..];

    /// <summary>A root filesystem layer: the given files (with their parent directories) in a plain tar.</summary>
    public static byte[] LayerTar(params (string Path, string Content)[] files)
    {
        using var ms = new MemoryStream();
        using (var tar = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            var dirs = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var (path, _) in files)
            {
                var parts = path.Split('/');
                for (int i = 1; i < parts.Length; i++) dirs.Add(string.Join('/', parts[..i]) + "/");
            }
            foreach (var d in dirs)
                tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, d) { Mode = (UnixFileMode)0x1ED, ModificationTime = Epoch });
            foreach (var (path, content) in files)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path)
                {
                    Mode = (UnixFileMode)0x1A4, ModificationTime = Epoch, DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
                });
            }
        }
        return ms.ToArray();
    }

    public static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(data);
        return ms.ToArray();
    }

    /// <summary>An image config as Docker writes it; its bytes are the image id.</summary>
    public static byte[] Config(IEnumerable<string> diffIds, string[] cmd, string createdBy = "test layer")
    {
        var ids = diffIds.ToList();
        var config = new JsonObject
        {
            ["architecture"] = "amd64",
            ["config"] = new JsonObject
            {
                ["Env"] = new JsonArray("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                ["Cmd"] = new JsonArray([.. cmd.Select(c => (JsonNode)c)]),
            },
            ["created"] = "2024-01-02T03:04:05Z",
            ["history"] = new JsonArray([.. ids.Select(_ => (JsonNode)new JsonObject { ["created"] = "2024-01-02T03:04:05Z", ["created_by"] = createdBy })]),
            ["os"] = "linux",
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray([.. ids.Select(d => (JsonNode)d)]) },
        };
        return Encoding.UTF8.GetBytes(config.ToJsonString());
    }

    /// <summary>One image of a legacy archive: its config, its layers base first (a v1 id each) and tags.</summary>
    public sealed record LegacyImage(byte[] Config, IReadOnlyList<(string V1Id, byte[] Layer)> Layers, IReadOnlyList<string> Tags);

    /// <summary>
    /// A docker-archive as Docker 24 and older write it: &lt;v1id&gt;/{VERSION,json,layer.tar}, the
    /// config as &lt;hex&gt;.json, manifest.json naming those paths, and repositories. A layer already
    /// written under another v1 id becomes a symbolic link &lt;v1id&gt;/layer.tar → ../&lt;first&gt;/layer.tar,
    /// as Docker links duplicate layers.
    /// </summary>
    public static void WriteLegacyArchive(string path, params LegacyImage[] images)
    {
        using var file = File.Create(path);
        using var tar = new TarWriter(file, TarEntryFormat.Ustar);
        var firstV1IdOfLayer = new Dictionary<string, string>();
        var manifest = new JsonArray();
        var repositories = new JsonObject();
        foreach (var image in images)
        {
            var layerPaths = new JsonArray();
            string? parent = null;
            foreach (var (v1Id, layer) in image.Layers)
            {
                var digest = Sha256(layer);
                AddDirectory(tar, v1Id + "/");
                AddFile(tar, v1Id + "/VERSION", "1.0"u8.ToArray());
                var json = new JsonObject { ["id"] = v1Id, ["created"] = "2024-01-02T03:04:05Z", ["os"] = "linux" };
                if (parent is not null) json["parent"] = parent;
                AddFile(tar, v1Id + "/json", Encoding.UTF8.GetBytes(json.ToJsonString()));
                if (firstV1IdOfLayer.TryGetValue(digest, out var first))
                {
                    tar.WriteEntry(new UstarTarEntry(TarEntryType.SymbolicLink, v1Id + "/layer.tar")
                    {
                        LinkName = $"../{first}/layer.tar", ModificationTime = Epoch, Mode = (UnixFileMode)0x1FF,
                    });
                }
                else
                {
                    firstV1IdOfLayer[digest] = v1Id;
                    AddFile(tar, v1Id + "/layer.tar", layer);
                }
                layerPaths.Add((JsonNode)(v1Id + "/layer.tar"));
                parent = v1Id;
            }
            var configName = Hex(Sha256(image.Config)) + ".json";
            AddFile(tar, configName, image.Config);
            manifest.Add((JsonNode)new JsonObject
            {
                ["Config"] = configName,
                ["RepoTags"] = new JsonArray([.. image.Tags.Select(t => (JsonNode)t)]),
                ["Layers"] = layerPaths,
            });
            foreach (var tag in image.Tags)
            {
                var colon = tag.LastIndexOf(':');
                var (repo, name) = (tag[..colon], tag[(colon + 1)..]);
                if (repositories[repo] is not JsonObject tags) repositories[repo] = tags = new JsonObject();
                tags[name] = image.Layers[^1].V1Id;
            }
        }
        AddFile(tar, "manifest.json", Encoding.UTF8.GetBytes(manifest.ToJsonString()));
        AddFile(tar, "repositories", Encoding.UTF8.GetBytes(repositories.ToJsonString()));
    }

    /// <summary>
    /// A bare OCI image layout (oci-layout, index.json, blobs/sha256/...) with one image whose
    /// single layer is gzip-compressed, named only by an io.containerd.image.name annotation.
    /// No manifest.json. Returns the config bytes (the image id is their digest).
    /// </summary>
    public static byte[] WriteOciLayout(string path, string containerdName, byte[] plainLayer, string[] cmd)
    {
        var gz = Gzip(plainLayer);
        var config = Config([Sha256(plainLayer)], cmd);
        var manifest = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", config),
            ["layers"] = new JsonArray(Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", gz)),
        }.ToJsonString());
        var entry = Descriptor("application/vnd.oci.image.manifest.v1+json", manifest);
        entry["annotations"] = new JsonObject { ["io.containerd.image.name"] = containerdName };
        var index = new JsonObject { ["schemaVersion"] = 2, ["manifests"] = new JsonArray(entry) };

        using var file = File.Create(path);
        using var tar = new TarWriter(file, TarEntryFormat.Pax);
        AddFile(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}"u8.ToArray());
        AddDirectory(tar, "blobs/");
        AddDirectory(tar, "blobs/sha256/");
        foreach (var blob in new[] { gz, config, manifest })
            AddFile(tar, "blobs/sha256/" + Hex(Sha256(blob)), blob);
        AddFile(tar, "index.json", Encoding.UTF8.GetBytes(index.ToJsonString()));
        return config;
    }

    static JsonObject Descriptor(string mediaType, byte[] blob) =>
        new() { ["mediaType"] = mediaType, ["digest"] = Sha256(blob), ["size"] = blob.Length };

    /// <summary>Entry names and types of a tar file, in order.</summary>
    public static List<(string Name, TarEntryType Type)> EntriesOf(string path)
    {
        using var file = File.OpenRead(path);
        using var reader = new TarReader(file);
        var list = new List<(string, TarEntryType)>();
        while (reader.GetNextEntry() is { } e) list.Add((e.Name, e.EntryType));
        return list;
    }

    /// <summary>The bytes of the entry named <paramref name="name"/> in a tar file.</summary>
    public static byte[] Read(string path, string name)
    {
        using var file = File.OpenRead(path);
        using var reader = new TarReader(file);
        while (reader.GetNextEntry() is { } e)
        {
            if (e.Name.TrimStart('.', '/') != name) continue;
            using var ms = new MemoryStream();
            e.DataStream?.CopyTo(ms);
            return ms.ToArray();
        }
        throw new InvalidOperationException($"{name} is not in {path}");
    }

    public static JsonElement ReadJson(string path, string name)
    {
        using var doc = JsonDocument.Parse(Read(path, name));
        return doc.RootElement.Clone();
    }

    static readonly DateTimeOffset Epoch = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    static void AddDirectory(TarWriter tar, string name) =>
        tar.WriteEntry(NewEntry(tar, TarEntryType.Directory, name, (UnixFileMode)0x1ED));

    static void AddFile(TarWriter tar, string name, byte[] data)
    {
        var entry = NewEntry(tar, TarEntryType.RegularFile, name, (UnixFileMode)0x1A4);
        entry.DataStream = new MemoryStream(data);
        tar.WriteEntry(entry);
    }

    static TarEntry NewEntry(TarWriter tar, TarEntryType type, string name, UnixFileMode mode)
    {
        TarEntry entry = tar.Format == TarEntryFormat.Ustar ? new UstarTarEntry(type, name) : new PaxTarEntry(type, name);
        entry.Mode = mode;
        entry.ModificationTime = Epoch;
        return entry;
    }
}
