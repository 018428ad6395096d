using System.Formats.Tar;
using System.Text;
using Cais.Images;
using Cais.Images.Model;
using Cais.Images.References;
using Cais.Images.Service;

namespace Cais.Api.Tests.Support;

/// <summary>Small images made in memory: a layer tar of a few files, and a config naming it.</summary>
public static class TestLayers
{
    public static byte[] Tar(params (string Path, string Content)[] files)
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
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)), Mode = (UnixFileMode)0x1A4, ModificationTime = DateTimeOffset.UnixEpoch,
                });
            }
        }
        return ms.ToArray();
    }

    /// <summary>Stores a one-layer image with these files under these names; returns its id.</summary>
    public static Digest Add(ImageStore store, string created, (string Path, string Content)[] files, Dictionary<string, string>? labels = null, params string[] tags)
    {
        var layer = Tar(files);
        var config = ModelJson.Serialize(new ImageConfig
        {
            Created = created, Architecture = "amd64", Os = "linux",
            Config = new ContainerConfig { Cmd = ["sh"], Env = ["PATH=/bin"], Labels = labels },
            RootFs = new RootFs { DiffIds = [Digest.Of(layer).ToString()] },
            History = [new HistoryEntry { Created = created, CreatedBy = "test layer" }],
        });
        var request = new ImportRequest(config, [new LayerSource(() => new MemoryStream(layer), MediaTypes.OciLayer)])
        {
            Tags = [.. tags.Select(ImageReference.Parse)],
        };
        return store.Import(request).Id;
    }
}
