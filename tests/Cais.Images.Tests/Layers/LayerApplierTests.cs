using System.Formats.Tar;
using System.Security.Cryptography;
using Cais.Images.Layers;
using Cais.Linux;
using Cais.TestSupport;

namespace Cais.Images.Tests.Layers;

public class LayerApplierTests
{
    [RootFact]
    public void Apply_PlainEntries_KeepsOwnersModesTimesAndXattrs()
    {
        using var dirs = new LayerTestDirs();
        var later = TarBuilder.Time.AddDays(3);
        var tar = new TarBuilder()
            .Dir("etc/", mode: 0x1ED)
            .File("etc/motd", "hello", mode: 0x1A4, uid: 1000, gid: 1001)
            .File("bin/su", "su", mode: 0x9ED /* 4755 */, uid: 0, gid: 0)
            .Dir("tmp/", mode: 0x3FF /* 1777 */)
            .Dir("shared/", mode: 0x5ED /* 2755 */, uid: 1000, gid: 50, mtime: later)
            .File("shared/x", "x", xattrs: new() { ["user.note"] = "kept" })
            .Symlink("etc/localtime", "/usr/share/zoneinfo/UTC")
            .HardLink("bin/su2", "bin/su")
            .Build();

        var result = LayerApplier.Apply(new MemoryStream(tar), dirs.Root);

        Assert.Equal(Digest.Of(tar), result.DiffId);
        Assert.Equal(5 + 2 + 1, result.UnpackedSize);
        var motd = TreeSnapshot.Stat(Path.Combine(dirs.Root, "etc/motd"));
        Assert.Equal((1000, 1001, 0x1A4), (motd.Uid, motd.Gid, motd.Mode & 0xFFF));
        Assert.Equal(TarBuilder.Time.ToUnixTimeSeconds(), motd.MtimeSeconds);
        Assert.Equal(0x9ED, TreeSnapshot.Stat(Path.Combine(dirs.Root, "bin/su")).Mode & 0xFFF);
        Assert.Equal(0x3FF, TreeSnapshot.Stat(Path.Combine(dirs.Root, "tmp")).Mode & 0xFFF);
        var shared = TreeSnapshot.Stat(Path.Combine(dirs.Root, "shared"));
        Assert.Equal((1000, 50, 0x5ED), (shared.Uid, shared.Gid, shared.Mode & 0xFFF));
        Assert.Equal(later.ToUnixTimeSeconds(), shared.MtimeSeconds); // set after "shared/x" was written
        Assert.Equal("6B657074", TreeSnapshot.Xattrs(Path.Combine(dirs.Root, "shared/x"))["user.note"]);
        Assert.Equal("/usr/share/zoneinfo/UTC", new FileInfo(Path.Combine(dirs.Root, "etc/localtime")).LinkTarget);
        Assert.Equal(2, TreeSnapshot.Stat(Path.Combine(dirs.Root, "bin/su2")).LinkCount);
        // The implied parent "bin" was made 0755.
        Assert.Equal(0x1ED, TreeSnapshot.Stat(Path.Combine(dirs.Root, "bin")).Mode & 0xFFF);
    }

    [RootFact]
    public void Apply_DevicesAndFifos_AreCreated()
    {
        using var dirs = new LayerTestDirs();
        var tar = new TarBuilder()
            .Device("dev/null", TarEntryType.CharacterDevice, 1, 3)
            .Device("dev/loop9", TarEntryType.BlockDevice, 7, 9, mode: 0x1B0)
            .Fifo("run/fifo")
            .Build();

        LayerApplier.Apply(new MemoryStream(tar), dirs.Root);

        var null_ = TreeSnapshot.Stat(Path.Combine(dirs.Root, "dev/null"));
        Assert.Equal((Flags.S_IFCHR, 1u, 3u, 0x1B6), (null_.FileType, null_.RdevMajor, null_.RdevMinor, null_.Mode & 0xFFF));
        var loop = TreeSnapshot.Stat(Path.Combine(dirs.Root, "dev/loop9"));
        Assert.Equal((Flags.S_IFBLK, 7u, 9u, 0x1B0), (loop.FileType, loop.RdevMajor, loop.RdevMinor, loop.Mode & 0xFFF));
        Assert.Equal(Flags.S_IFIFO, TreeSnapshot.Stat(Path.Combine(dirs.Root, "run/fifo")).FileType);
    }

    [RootFact]
    public void Apply_GnuTarArchive_DiffIdIsSha256OfTheWholeFile()
    {
        using var dirs = new LayerTestDirs();
        var src = dirs.Dir("src");
        File.WriteAllText(Path.Combine(src, "a"), "a");
        var tarFile = Path.Combine(dirs.Base, "layer.tar");
        // GNU tar pads the archive to a 10 KiB record: the zeros after the end blocks count too.
        ProcessRunner.Run("tar", ["-C", src, "-cf", tarFile, "."]).EnsureSuccess();
        var bytes = File.ReadAllBytes(tarFile);
        Assert.Equal(10240, bytes.Length);

        using var stream = File.OpenRead(tarFile);
        var result = LayerApplier.Apply(stream, dirs.Root);

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), result.DiffId.ToString());
        File.Delete(tarFile);
    }

    [RootTheory]
    [InlineData("gnu")]
    [InlineData("posix")]
    [InlineData("ustar")]
    [InlineData("v7")]
    public void Apply_GnuTarFormats_ReproduceTheTree(string format)
    {
        using var dirs = new LayerTestDirs();
        var src = dirs.Dir("src");
        bool longNames = format is "gnu" or "posix";
        var deep = longNames ? string.Join('/', Enumerable.Repeat("directory-with-a-long-name", 8)) : "d1/d2";
        Directory.CreateDirectory(Path.Combine(src, deep));
        File.WriteAllText(Path.Combine(src, deep, "file"), "deep");
        File.WriteAllBytes(Path.Combine(src, "big"), RandomNumberGenerator.GetBytes(3 << 20));
        File.CreateSymbolicLink(Path.Combine(src, "link"), longNames ? "/" + deep + "/file" : "big");
        ProcessRunner.Run("ln", [Path.Combine(src, "big"), Path.Combine(src, "big2")]).EnsureSuccess();
        ProcessRunner.Run("chown", ["-h", "1234:5678", Path.Combine(src, "link")]).EnsureSuccess();
        var tarFile = Path.Combine(dirs.Base, "layer.tar");
        ProcessRunner.Run("tar", [$"--format={format}", "-C", src, "-cf", tarFile, "."]).EnsureSuccess();

        using (var stream = File.OpenRead(tarFile))
            LayerApplier.Apply(stream, dirs.Root);

        File.Delete(tarFile);
        Assert.Equal(TreeSnapshot.Take(src), TreeSnapshot.Take(dirs.Root));
    }

    [RootFact]
    public void Apply_GnuTarXattrs_BinaryCapabilityKeptByteForByte()
    {
        using var dirs = new LayerTestDirs();
        var src = dirs.Dir("src");
        var file = Path.Combine(src, "ping");
        File.WriteAllText(file, "ping");
        // VFS_CAP_REVISION_2 with CAP_SETFCAP (bit 31) permitted: holds 0x80, which is not UTF-8.
        byte[] capability = [0x01, 0, 0, 0x02, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal(0, Xattrs.TrySetLink(TreeSnapshot.Z(file), TreeSnapshot.Z("security.capability"), capability));
        var tarFile = Path.Combine(dirs.Base, "layer.tar");
        ProcessRunner.Run("tar", ["--format=posix", "--xattrs", "--xattrs-include=*", "-C", src, "-cf", tarFile, "."]).EnsureSuccess();

        using (var stream = File.OpenRead(tarFile))
            LayerApplier.Apply(stream, dirs.Root);

        File.Delete(tarFile);
        Assert.Equal(Convert.ToHexString(capability), TreeSnapshot.Xattrs(Path.Combine(dirs.Root, "ping"))["security.capability"]);
    }

    [RootFact]
    public void Apply_PaxSparseFile_WritesHolesAndData()
    {
        using var dirs = new LayerTestDirs();
        var src = dirs.Dir("src");
        var sparse = Path.Combine(src, "sparse");
        using (var f = File.Create(sparse))
        {
            f.SetLength(20 << 20);
            f.Position = 5 << 20;
            f.Write("hello"u8);
            f.Position = (20 << 20) - 3;
            f.Write("end"u8);
        }
        var tarFile = Path.Combine(dirs.Base, "layer.tar");
        ProcessRunner.Run("tar", ["--format=posix", "--sparse", "-C", src, "-cf", tarFile, "sparse"]).EnsureSuccess();
        Assert.True(new FileInfo(tarFile).Length < 1 << 20);

        using (var stream = File.OpenRead(tarFile))
        {
            var result = LayerApplier.Apply(stream, dirs.Root);
            Assert.Equal(20 << 20, result.UnpackedSize);
        }

        File.Delete(tarFile);
        Assert.Equal(File.ReadAllBytes(sparse), File.ReadAllBytes(Path.Combine(dirs.Root, "sparse")));
    }

    [RootFact]
    public void Apply_ExistingDirectoryThenFile_ReplacesDirectory()
    {
        using var dirs = new LayerTestDirs();
        Directory.CreateDirectory(Path.Combine(dirs.Root, "x/sub"));
        File.WriteAllText(Path.Combine(dirs.Root, "x/sub/f"), "old");
        File.WriteAllText(Path.Combine(dirs.Root, "y"), "old file");
        Directory.CreateDirectory(Path.Combine(dirs.Root, "z"));
        File.WriteAllText(Path.Combine(dirs.Root, "z/keep"), "kept");

        var tar = new TarBuilder().File("x", "now a file").Dir("y/").File("y/inside", "i").Dir("z/", mode: 0x1C0).Build();
        LayerApplier.Apply(new MemoryStream(tar), dirs.Root);

        Assert.Equal("now a file", File.ReadAllText(Path.Combine(dirs.Root, "x")));
        Assert.Equal("i", File.ReadAllText(Path.Combine(dirs.Root, "y/inside")));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(dirs.Root, "z/keep"))); // a directory over a directory merges
        Assert.Equal(0x1C0, TreeSnapshot.Stat(Path.Combine(dirs.Root, "z")).Mode & 0xFFF);
    }

    [RootFact]
    public void Apply_SameFileTwice_LastOneWins()
    {
        using var dirs = new LayerTestDirs();
        var tar = new TarBuilder().File("f", "first").Symlink("l", "a").File("f", "second").Symlink("l", "b").Build();

        LayerApplier.Apply(new MemoryStream(tar), dirs.Root);

        Assert.Equal("second", File.ReadAllText(Path.Combine(dirs.Root, "f")));
        Assert.Equal("b", new FileInfo(Path.Combine(dirs.Root, "l")).LinkTarget);
    }

    [RootFact]
    public void Apply_UnseekableStreamWithShortReads_Works()
    {
        using var dirs = new LayerTestDirs();
        var tar = new TarBuilder().File("a", new byte[100_000]).Dir("d/").File("d/b", "b").Build();

        var result = LayerApplier.Apply(new UnseekableStream(tar), dirs.Root);

        Assert.Equal(Digest.Of(tar), result.DiffId);
        Assert.Equal(100_000, new FileInfo(Path.Combine(dirs.Root, "a")).Length);
    }

    [Fact]
    public void Apply_EmptyStream_IsAnEmptyLayer()
    {
        using var dirs = new LayerTestDirs();
        var result = LayerApplier.Apply(new MemoryStream(), dirs.Root);
        Assert.Equal(Digest.Of([]), result.DiffId);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dirs.Root));
    }

    [RootFact]
    public void Apply_RootEntry_SetsTargetMetadata()
    {
        using var dirs = new LayerTestDirs();
        var tar = new TarBuilder().Dir("./", mode: 0x1C0, uid: 7, gid: 8).File("./a", "a").Build();

        LayerApplier.Apply(new MemoryStream(tar), dirs.Root);

        var st = TreeSnapshot.Stat(dirs.Root);
        Assert.Equal((7, 8, 0x1C0, TarBuilder.Time.ToUnixTimeSeconds()), (st.Uid, st.Gid, st.Mode & 0xFFF, st.MtimeSeconds));
    }

    [RootFact]
    public void Apply_OverlayXattrsInTar_AreDropped()
    {
        using var dirs = new LayerTestDirs();
        var tar = new TarBuilder()
            .Dir("d/", xattrs: new() { ["trusted.overlay.redirect"] = "/etc", ["user.ok"] = "1" })
            .Build();

        LayerApplier.Apply(new MemoryStream(tar), dirs.Root);

        Assert.Equal(["user.ok"], TreeSnapshot.Xattrs(Path.Combine(dirs.Root, "d")).Keys);
    }
}
