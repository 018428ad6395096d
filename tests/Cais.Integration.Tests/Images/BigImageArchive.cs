using System.Formats.Tar;
using System.Security.Cryptography;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Images;

/// <summary>
/// A `cais save` archive of one image, "big:1", whose single layer is 200 MB of random (so
/// incompressible) files: big enough that `cais load` of it takes long enough to be killed
/// in the middle of each phase (extracting, ingesting, unpacking). Made once per test class,
/// on first use, so a class whose tests are all skipped pays nothing.
/// </summary>
public sealed class BigImageArchive : IDisposable
{
    public const string Tag = "big:1";
    public const int FileCount = 100;
    public const int FileSize = 2 << 20;

    readonly TempDir dir = TempDir.Under(Path.Combine(TestPaths.Root, "images"), "big-");
    readonly Lazy<Made> made;

    public BigImageArchive() => made = new(Make);

    /// <summary>The archive file.</summary>
    public string Archive => made.Value.Archive;

    /// <summary>The image id the archive holds.</summary>
    public string Id => made.Value.Id;

    /// <summary>The sha256 of the last file of the layer, data/f99.bin, to check an unpacked layer by.</summary>
    public string LastFileSha256 => made.Value.LastFileSha256;

    public static string LastFile => $"data/f{FileCount - 1}.bin";

    sealed record Made(string Archive, string Id, string LastFileSha256);

    Made Make()
    {
        var tar = dir.Combine("rootfs.tar");
        var lastSha = WriteRootfsTar(tar);
        using var h = new ImageHarness();
        var timeout = TimeSpan.FromMinutes(5);
        var import = h.Cais(timeout, "import", tar, Tag);
        Assert.True(import.ExitCode == 0, import.Describe());
        File.Delete(tar);
        var archive = dir.Combine("big.tar");
        var save = h.Cais(timeout, "save", "-o", archive, Tag);
        Assert.True(save.ExitCode == 0, save.Describe());
        return new Made(archive, h.IdOf(Tag), lastSha);
    }

    /// <summary>Writes data/ and data/f0.bin ... f99.bin, 2 MB of random bytes each; returns the last file's sha256.</summary>
    static string WriteRootfsTar(string path)
    {
        var random = new Random(20240102);
        var buffer = new byte[FileSize];
        using var file = File.Create(path);
        using var writer = new TarWriter(file, TarEntryFormat.Pax);
        writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "data/") { Mode = (UnixFileMode)0x1ED });
        for (int i = 0; i < FileCount; i++)
        {
            random.NextBytes(buffer);
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"data/f{i}.bin")
            {
                Mode = (UnixFileMode)0x1A4, DataStream = new MemoryStream(buffer, writable: false),
            });
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer));
    }

    public void Dispose() => dir.Dispose();
}
