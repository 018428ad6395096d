using System.IO.Compression;
using System.Text;
using Cais.Images.Layers;

namespace Cais.Images.Tests.Layers;

/// <summary>Broken archives fail with a <see cref="LayerFormatException"/> that says what is wrong.</summary>
public class LayerApplierMalformedTests
{
    static readonly ApplyOptions AsCaller = new() { PreserveOwnership = false };

    // Entry 1 "file1" (1000 bytes) at 0: header 0-512, data 512-1512, padding to 1536.
    // Entry 2 "file2" (10 bytes) at 1536: header 1536-2048, data 2048-2058.
    static byte[] TwoFiles() =>
        new TarBuilder(System.Formats.Tar.TarEntryFormat.Ustar).File("file1", new byte[1000]).File("file2", "0123456789").Build();

    static LayerFormatException Fails(byte[] tar)
    {
        using var dirs = new LayerTestDirs();
        return Assert.Throws<LayerFormatException>(() => LayerApplier.Apply(new UnseekableStream(tar), dirs.Root, AsCaller));
    }

    static void SetChecksum(byte[] tar, int header)
    {
        int sum = 0;
        for (int i = 0; i < 512; i++) sum += i is >= 148 and < 156 ? ' ' : tar[header + i];
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(tar, header + 148);
    }

    [Fact]
    public void MalformedArchive_TruncatedHeader_Throws()
    {
        var e = Fails(TwoFiles()[..(1536 + 100)]);
        Assert.Contains("truncated", e.Message);
        Assert.Equal("after file1", e.EntryName);
    }

    [Fact]
    public void MalformedArchive_TruncatedEntry_Throws()
    {
        var e = Fails(TwoFiles()[..(512 + 300)]);
        Assert.Equal("file1", e.EntryName);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void MalformedArchive_SizeFieldExceedsStreamLength_Throws()
    {
        var tar = TwoFiles();
        Encoding.ASCII.GetBytes("00000177777\0").CopyTo(tar, 1536 + 124);
        SetChecksum(tar, 1536);
        var e = Fails(tar);
        Assert.Equal("file2", e.EntryName);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void MalformedArchive_BadChecksum_Throws()
    {
        var tar = TwoFiles();
        tar[1536 + 10] ^= 0x20; // a flipped bit in the second header's name
        var e = Fails(tar);
        Assert.Contains("checksum", e.Message);
        Assert.Equal("after file1", e.EntryName);
    }

    [Fact]
    public void MalformedArchive_BadChecksumInFirstHeader_WritesNothing()
    {
        var tar = TwoFiles();
        tar[0] = (byte)'g';
        using var dirs = new LayerTestDirs();
        var e = Assert.Throws<LayerFormatException>(() => LayerApplier.Apply(new MemoryStream(tar), dirs.Root, AsCaller));
        Assert.Contains("checksum", e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dirs.Root));
    }

    [Fact]
    public void MalformedArchive_Garbage_Throws()
    {
        var e = Fails(Encoding.ASCII.GetBytes(new string('x', 4096)));
        Assert.Contains("malformed", e.Message);
    }

    [Fact]
    public void MalformedArchive_TruncatedGzip_Throws()
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(new TarBuilder().File("a", new byte[100_000]).Build());
        var bytes = compressed.ToArray();
        Fails(bytes[..(bytes.Length / 2)]);
    }

    [Fact]
    public void MalformedArchive_CorruptZstd_Throws()
    {
        var compressed = new MemoryStream();
        using (var zstd = LayerCompression.Compress(compressed, LayerCompressionKind.Zstd, leaveOpen: true))
            zstd.Write(new TarBuilder().File("a", "some content here").File("b", "and more").Build());
        var bytes = compressed.ToArray();
        for (int i = 8; i < bytes.Length - 4; i++) bytes[i] ^= 0x5A;
        Fails(bytes);
    }

    [Fact]
    public void MalformedArchive_Bzip2_RefusedClearly()
    {
        var e = Fails([(byte)'B', (byte)'Z', (byte)'h', (byte)'9', 0x31, 0x41, 0x59, 0x26]);
        Assert.Contains("bzip2", e.Message);
    }

    [Fact]
    public void MalformedArchive_GnuOldSparse_RefusedClearly()
    {
        var tar = TwoFiles();
        tar[156] = (byte)'S';
        SetChecksum(tar, 0);
        var e = Fails(tar);
        Assert.Contains("SparseFile", e.Message);
    }
}
