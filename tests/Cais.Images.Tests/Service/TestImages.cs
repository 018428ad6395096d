using System.Formats.Tar;
using System.Text;
using Cais.Images.Model;
using Cais.Images.Service;

namespace Cais.Images.Tests.Service;

/// <summary>Images built in memory for image store tests: layer tars and configs that name them.</summary>
internal static class TestImages
{
    public static byte[] Layer(params (string Path, string Content)[] files)
    {
        using var ms = new MemoryStream();
        using (var tar = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            var dirs = new HashSet<string>();
            foreach (var (path, content) in files)
            {
                var parts = path.Split('/');
                for (int i = 1; i < parts.Length; i++)
                {
                    var dir = string.Join('/', parts.Take(i)) + "/";
                    if (dirs.Add(dir))
                        tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, dir) { Mode = (UnixFileMode)0x1ED, ModificationTime = DateTimeOffset.UnixEpoch });
                }
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path)
                {
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)), Mode = (UnixFileMode)0x1A4,
                    ModificationTime = DateTimeOffset.UnixEpoch,
                });
            }
        }
        return ms.ToArray();
    }

    /// <summary>A config for <paramref name="layers"/> (created at <paramref name="created"/>, so two calls differ by it).</summary>
    public static byte[] Config(IReadOnlyList<byte[]> layers, string created = "2026-01-01T00:00:00Z", string cmd = "sh") =>
        ModelJson.Serialize(new ImageConfig
        {
            Created = created, Architecture = "amd64", Os = "linux",
            Config = new ContainerConfig { Cmd = [cmd] },
            RootFs = new RootFs { DiffIds = [.. layers.Select(l => Digest.Of(l).ToString())] },
            History = [.. layers.Select((_, i) => new HistoryEntry { Created = created, CreatedBy = $"layer {i}" })],
        });

    public static ImportRequest Request(IReadOnlyList<byte[]> layers, string created = "2026-01-01T00:00:00Z", params string[] tags) =>
        new(Config(layers, created), [.. layers.Select(l => new LayerSource(() => new MemoryStream(l), MediaTypes.OciLayer))])
        {
            Tags = [.. tags.Select(Cais.Images.References.ImageReference.Parse)],
        };
}
