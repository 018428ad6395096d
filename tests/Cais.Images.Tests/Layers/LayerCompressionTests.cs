using System.IO.Compression;
using Cais.Images.Layers;
using Cais.TestSupport;

namespace Cais.Images.Tests.Layers;

public class LayerCompressionTests
{
    static byte[] Compressed(byte[] data, LayerCompressionKind kind, int? level = null)
    {
        var output = new MemoryStream();
        using (var compressor = LayerCompression.Compress(output, kind, level, leaveOpen: true))
            compressor.Write(data);
        return output.ToArray();
    }

    static byte[] ReadAll(Stream s)
    {
        var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    [Theory]
    [InlineData(LayerCompressionKind.None)]
    [InlineData(LayerCompressionKind.Gzip)]
    [InlineData(LayerCompressionKind.Zstd)]
    public void Decompress_UnseekableStream_DetectsAndRoundTrips(LayerCompressionKind kind)
    {
        var tar = new TarBuilder().File("a", new byte[70_000]).File("b", "b").Build();

        using var plain = LayerCompression.Decompress(new UnseekableStream(Compressed(tar, kind), maxRead: 1), out var detected);

        Assert.Equal(kind, detected);
        Assert.Equal(tar, ReadAll(plain));
    }

    [Theory]
    [InlineData(new byte[] { 0x1F, 0x8B, 8 }, LayerCompressionKind.Gzip)]
    [InlineData(new byte[] { 0x28, 0xB5, 0x2F, 0xFD }, LayerCompressionKind.Zstd)]
    [InlineData(new byte[] { 0x5E, 0x2A, 0x4D, 0x18 }, LayerCompressionKind.Zstd)]
    [InlineData(new byte[] { (byte)'e', (byte)'t', (byte)'c' }, LayerCompressionKind.None)]
    [InlineData(new byte[] { 0x1F }, LayerCompressionKind.None)]
    [InlineData(new byte[0], LayerCompressionKind.None)]
    public void Detect_MagicBytes_GiveKind(byte[] head, LayerCompressionKind expected) =>
        Assert.Equal(expected, LayerCompression.Detect(head));

    [Fact]
    public void Detect_Xz_NotSupported() =>
        Assert.Throws<NotSupportedException>(() => LayerCompression.Detect([0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0]));

    [Fact]
    public void Decompress_ConcatenatedGzipMembers_ReadsAll()
    {
        byte[] both = [.. Compressed("first "u8.ToArray(), LayerCompressionKind.Gzip), .. Compressed("second"u8.ToArray(), LayerCompressionKind.Gzip)];
        using var plain = LayerCompression.Decompress(new MemoryStream(both));
        Assert.Equal("first second"u8.ToArray(), ReadAll(plain));
    }

    [Fact]
    public void Compress_GzipLevel_IsReadableByGzip()
    {
        var data = new byte[100_000];
        var compressed = Compressed(data, LayerCompressionKind.Gzip, level: 9);
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        Assert.Equal(data, ReadAll(gzip));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerCompression.Compress(new MemoryStream(), LayerCompressionKind.Zstd, 40));
    }

    [RootTheory]
    [InlineData(LayerCompressionKind.Gzip)]
    [InlineData(LayerCompressionKind.Zstd)]
    public void Apply_CompressedLayer_SameDiffIdAndTreeAsPlainTar(LayerCompressionKind kind)
    {
        using var dirs = new LayerTestDirs();
        var tar = new TarBuilder().Dir("d/").File("d/a", new byte[300_000]).Symlink("l", "d/a").Build();
        var plainResult = LayerApplier.Apply(new MemoryStream(tar), dirs.Root);
        var other = dirs.Dir("other");

        var result = LayerApplier.Apply(new UnseekableStream(Compressed(tar, kind)), other);

        Assert.Equal(Digest.Of(tar), result.DiffId);
        Assert.Equal(plainResult.DiffId, result.DiffId);
        Assert.Equal(TreeSnapshot.Take(dirs.Root), TreeSnapshot.Take(other));
    }

    [Fact]
    public void Apply_ZstdFromCommandLineTool_SameDiffId()
    {
        using var dirs = new LayerTestDirs();
        var tar = new TarBuilder().File("a", "a").Build();
        var tarFile = Path.Combine(dirs.Base, "l.tar");
        File.WriteAllBytes(tarFile, tar);
        ProcessRunner.Run("zstd", ["-q", "-19", tarFile]).EnsureSuccess();
        ProcessRunner.Run("gzip", ["-k", tarFile]).EnsureSuccess();

        foreach (var file in new[] { tarFile + ".zst", tarFile + ".gz" })
        {
            var target = dirs.Dir(Path.GetExtension(file).TrimStart('.'));
            using var stream = File.OpenRead(file);
            Assert.Equal(Digest.Of(tar), LayerApplier.Apply(stream, target, new ApplyOptions { PreserveOwnership = false }).DiffId);
        }
    }
}
