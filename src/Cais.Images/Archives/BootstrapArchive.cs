using System.Formats.Tar;
using System.Text.Json;
using Cais.Images.Bootstrap;

namespace Cais.Images.Archives;

/// <summary>
/// A bootstrapped image as a docker-archive in its plain legacy layout (manifest.json, the
/// config and the layer tar), which every docker load reads: how `cais image bootstrap` hands an
/// image to a daemon through POST /images/load.
/// </summary>
public static class BootstrapArchive
{
    public static void Write(BootstrappedImage image, Stream output)
    {
        using var tar = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true);
        var configName = image.Id.Hex + ".json";
        var layerName = image.DiffId.Hex + "/layer.tar";
        WriteFile(tar, configName, new MemoryStream(image.Config, writable: false));
        tar.WriteEntry(new UstarTarEntry(TarEntryType.Directory, image.DiffId.Hex + "/") { ModificationTime = DateTimeOffset.UnixEpoch, Mode = (UnixFileMode)0x1ED });
        using (var layer = File.OpenRead(image.LayerTar))
            WriteFile(tar, layerName, layer);
        var manifest = new List<ArchiveManifestItem>
        {
            new() { Config = configName, RepoTags = [image.Tag.FamiliarString()], Layers = [layerName] },
        };
        WriteFile(tar, "manifest.json", new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, ArchiveJsonContext.Default.ListArchiveManifestItem), writable: false));
    }

    static void WriteFile(TarWriter tar, string name, Stream data)
    {
        using (data)
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
            {
                DataStream = data, ModificationTime = DateTimeOffset.UnixEpoch, Mode = (UnixFileMode)0x1A4,
            });
    }
}
