using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Cais.Images.Layers;
using Cais.Linux;
using Cais.TestSupport;

namespace Cais.Images.Tests.Layers;

public class LayerDifferTests
{
    static readonly string LongName = string.Join('/', Enumerable.Repeat("a-rather-long-directory-name", 6)) + "/and-a-long-file-name.txt";

    // Everything a layer can hold, in one tar.
    internal static byte[] RichLayer() => new TarBuilder()
        .Dir("bin/", mode: 0x1ED)
        .File("bin/tool", RandomNumberGenerator.GetBytes(2_500_000), mode: 0x9ED, uid: 0, gid: 0)
        .HardLink("bin/tool-alias", "bin/tool")
        .File("bin/empty", "", mode: 0x180, uid: 65534, gid: 65534)
        .Dir("tmp/", mode: 0x3FF)
        .Dir("srv/", mode: 0x5E8, uid: 1000, gid: 1000, mtime: TarBuilder.Time.AddDays(9))
        .File("srv/data", "data", uid: 3_000_000, gid: 3_000_001, xattrs: new() { ["user.a"] = "1", ["user.b"] = "two" })
        .Symlink("srv/abs", "/etc/passwd")
        .Symlink("srv/dangling", "../nowhere")
        .Symlink("srv/long", "/" + LongName)
        .Device("dev/null", TarEntryType.CharacterDevice, 1, 3)
        .Device("dev/sda1", TarEntryType.BlockDevice, 8, 1, mode: 0x1B0)
        .Fifo("run/ctl")
        .File(LongName, "deep")
        .File("caf\u00e9/\u00fcber.txt", "utf8")
        .File("a.b", "sorts before a/")
        .File("a/x", "x")
        .Build();

    static (DiffResult Result, byte[] Tar) Diff(string dir, DiffOptions? options = null, bool tree = false)
    {
        var output = new MemoryStream();
        var result = tree ? LayerDiffer.DiffTree(dir, output, options) : LayerDiffer.Diff(dir, output, options);
        return (result, output.ToArray());
    }

    [RootFact]
    public void ApplyDiffApply_RichLayer_SameTree()
    {
        using var dirs = new LayerTestDirs();
        LayerApplier.Apply(new MemoryStream(RichLayer()), dirs.Root);
        var (result, tar) = Diff(dirs.Root);
        var copy = dirs.Dir("copy");

        var applied = LayerApplier.Apply(new MemoryStream(tar), copy);

        Assert.Equal(Digest.Of(tar), result.DiffId);
        Assert.Equal(result.DiffId, applied.DiffId);
        Assert.Equal(tar.Length, result.Size);
        Assert.Equal(TreeSnapshot.Take(dirs.Root), TreeSnapshot.Take(copy));
        Assert.Contains("srv/data file 644 3000000:3000001", TreeSnapshot.Take(copy));
        Assert.Contains("bin/tool-alias file 4755 0:0", TreeSnapshot.Take(copy));
    }

    [RootFact]
    public void Diff_BinaryCapability_KeptByteForByte()
    {
        using var dirs = new LayerTestDirs();
        var file = Path.Combine(dirs.Root, "ping");
        File.WriteAllText(file, "ping");
        byte[] capability = [0x01, 0, 0, 0x02, 0x80, 0x20, 0, 0x80, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal(0, Xattrs.TrySetLink(TreeSnapshot.Z(file), TreeSnapshot.Z("security.capability"), capability));
        var (_, tar) = Diff(dirs.Root);
        var copy = dirs.Dir("copy");

        LayerApplier.Apply(new MemoryStream(tar), copy);

        Assert.Equal(Convert.ToHexString(capability), TreeSnapshot.Xattrs(Path.Combine(copy, "ping"))["security.capability"]);
    }

    [RootFact]
    public void Diff_Twice_SameDiffId()
    {
        using var dirs = new LayerTestDirs();
        LayerApplier.Apply(new MemoryStream(RichLayer()), dirs.Root);

        var first = Diff(dirs.Root);
        var second = Diff(dirs.Root);

        Assert.Equal(first.Result.DiffId, second.Result.DiffId);
        Assert.Equal(first.Tar, second.Tar);
    }

    [RootFact]
    public void Diff_SourceDateEpoch_DifferentMtimesSameDigest()
    {
        using var dirs = new LayerTestDirs();
        var layer = RichLayer();
        LayerApplier.Apply(new MemoryStream(layer), dirs.Root);
        var other = dirs.Dir("other");
        LayerApplier.Apply(new MemoryStream(layer), other);
        ProcessRunner.Run("touch", ["-h", "-d", "2030-01-01", Path.Combine(other, "srv/data"), Path.Combine(other, "bin"), Path.Combine(other, "srv/abs")]).EnsureSuccess();
        var epoch = new DiffOptions { SourceDateEpoch = DateTimeOffset.FromUnixTimeSeconds(1_500_000_000) };

        Assert.NotEqual(Diff(dirs.Root).Result.DiffId, Diff(other).Result.DiffId);
        Assert.Equal(Diff(dirs.Root, epoch).Result.DiffId, Diff(other, epoch).Result.DiffId);
        Assert.All(WhiteoutTests.ReadEntries(Diff(other, epoch).Tar), e => Assert.True(e.ModificationTime.ToUnixTimeSeconds() <= 1_500_000_000));
    }

    [RootFact]
    public void Diff_Entries_SortedByteWiseParentsFirst()
    {
        using var dirs = new LayerTestDirs();
        LayerApplier.Apply(new MemoryStream(RichLayer()), dirs.Root);

        var names = WhiteoutTests.ReadEntries(Diff(dirs.Root).Tar).Select(e => e.Name).ToList();

        var bytes = names.Select(n => Encoding.UTF8.GetBytes(n)).ToList();
        for (int i = 1; i < bytes.Count; i++)
            Assert.True(bytes[i - 1].AsSpan().SequenceCompareTo(bytes[i]) < 0, $"{names[i - 1]} before {names[i]}");
        Assert.True(names.IndexOf("a.b") < names.IndexOf("a/"));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [RootFact]
    public void Diff_HardLinks_SecondPathIsALink()
    {
        using var dirs = new LayerTestDirs();
        LayerApplier.Apply(new MemoryStream(RichLayer()), dirs.Root);

        var entries = WhiteoutTests.ReadEntries(Diff(dirs.Root).Tar);

        var tool = entries.Single(e => e.Name == "bin/tool");
        Assert.Equal((TarEntryType.RegularFile, 2_500_000L), (tool.EntryType, tool.Length));
        var alias = entries.Single(e => e.Name == "bin/tool-alias");
        Assert.Equal((TarEntryType.HardLink, "bin/tool", 0L), (alias.EntryType, alias.LinkName, alias.Length));
    }

    [RootFact]
    public void Diff_Headers_HaveNoUserNamesOrAccessTimes()
    {
        using var dirs = new LayerTestDirs();
        LayerApplier.Apply(new MemoryStream(RichLayer()), dirs.Root);

        var entries = WhiteoutTests.ReadEntries(Diff(dirs.Root).Tar);

        Assert.All(entries.OfType<PosixTarEntry>(), e => Assert.Equal(("", ""), (e.UserName, e.GroupName)));
        Assert.All(entries.OfType<PaxTarEntry>(), e => Assert.DoesNotContain(e.ExtendedAttributes.Keys, k => k is "atime" or "ctime"));
    }

    [RootFact]
    public void Diff_Output_GnuTarExtractsTheSameTree()
    {
        using var dirs = new LayerTestDirs();
        LayerApplier.Apply(new MemoryStream(RichLayer()), dirs.Root);
        var tarFile = Path.Combine(dirs.Base, "diff.tar");
        using (var file = File.Create(tarFile)) LayerDiffer.Diff(dirs.Root, file);
        var extracted = dirs.Dir("gnu");

        ProcessRunner.Run("tar", ["--xattrs", "--xattrs-include=*", "-C", extracted, "-xf", tarFile]).EnsureSuccess();

        File.Delete(tarFile);
        Assert.Equal(TreeSnapshot.Take(dirs.Root), TreeSnapshot.Take(extracted));
    }

    [RootTheory]
    [InlineData(LayerCompressionKind.Gzip)]
    [InlineData(LayerCompressionKind.Zstd)]
    public void Diff_Compressed_DiffIdOfTarAndDigestOfBlob(LayerCompressionKind kind)
    {
        using var dirs = new LayerTestDirs();
        LayerApplier.Apply(new MemoryStream(RichLayer()), dirs.Root);
        var plain = Diff(dirs.Root);

        var (result, blob) = Diff(dirs.Root, new DiffOptions { Compression = kind });

        Assert.Equal(plain.Result.DiffId, result.DiffId);
        Assert.Equal(plain.Result.Size, result.Size);
        Assert.Equal(Digest.Of(blob), result.BlobDigest);
        Assert.Equal(blob.Length, result.BlobSize);
        using var decompressed = LayerCompression.Decompress(new MemoryStream(blob), out var detected);
        Assert.Equal(kind, detected);
        Assert.Equal(plain.Result.DiffId, Digest.Of(decompressed));
    }

    [RootFact]
    public void Diff_RedirectDirectory_Refused()
    {
        using var dirs = new LayerTestDirs();
        var dir = Path.Combine(dirs.Root, "renamed");
        Directory.CreateDirectory(dir);
        Assert.Equal(0, Xattrs.TrySetLink(TreeSnapshot.Z(dir), TreeSnapshot.Z("trusted.overlay.redirect"), "/old"u8));

        var e = Assert.ThrowsAny<LayerException>(() => Diff(dirs.Root));
        Assert.Contains("redirect_dir=off", e.Message);
        Diff(dirs.Root, tree: true); // a plain tree has no such meaning
    }

    [RootFact]
    public void DiffTree_Socket_LeftOut()
    {
        using var dirs = new LayerTestDirs();
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, 0);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(Path.Combine(dirs.Root, "sock")));
        File.WriteAllText(Path.Combine(dirs.Root, "f"), "f");

        Assert.Equal(["f"], WhiteoutTests.ReadEntries(Diff(dirs.Root, tree: true).Tar).Select(e => e.Name));
    }

    [Fact]
    public void Diff_Exclude_LeavesOutThoseEntriesAndTheirSubtrees_KeepsTheirParent()
    {
        using var dirs = new LayerTestDirs();
        Directory.CreateDirectory(Path.Combine(dirs.Root, "etc", "skip-dir", "deep"));
        File.WriteAllText(Path.Combine(dirs.Root, "etc", "hosts"), "");
        File.WriteAllText(Path.Combine(dirs.Root, "etc", "hosts.allow"), "kept");
        File.WriteAllText(Path.Combine(dirs.Root, "etc", "skip-dir", "deep", "f"), "f");
        File.WriteAllText(Path.Combine(dirs.Root, "hosts"), "kept: only etc/hosts is excluded");

        var (result, tar) = Diff(dirs.Root, new DiffOptions { Exclude = new HashSet<string> { "etc/hosts", "etc/skip-dir" } });

        Assert.Equal(["etc/", "etc/hosts.allow", "hosts"], WhiteoutTests.ReadEntries(tar).Select(e => e.Name));
        Assert.Equal(3, result.EntryCount);
    }

    [Fact]
    public void DiffTree_EmptyDirectory_IsJustTheEndBlocks()
    {
        using var dirs = new LayerTestDirs();
        var (result, tar) = Diff(dirs.Root, tree: true);
        Assert.Equal(new byte[1024], tar);
        Assert.Equal(Digest.Of(new byte[1024]), result.DiffId);
    }
}
