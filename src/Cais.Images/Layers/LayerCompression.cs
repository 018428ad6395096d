using System.IO.Compression;

namespace Cais.Images.Layers;

/// <summary>How a layer blob is compressed (OCI media types ...tar, ...tar+gzip, ...tar+zstd).</summary>
public enum LayerCompressionKind
{
    None,
    Gzip,
    Zstd,
}

/// <summary>
/// Recognises and undoes a layer's compression by its magic bytes, on streams that cannot seek
/// (a registry download, a pipe); and compresses layers for push and save.
/// </summary>
public static class LayerCompression
{
    // Bytes needed to tell the formats apart: xz's magic is the longest.
    const int MagicLength = 6;

    /// <summary>The compression that <paramref name="head"/>, the first bytes of a blob, announces.</summary>
    /// <exception cref="NotSupportedException">bzip2 or xz, which cais does not read.</exception>
    public static LayerCompressionKind Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B) return LayerCompressionKind.Gzip;
        if (head.Length >= 4 && head[1] == 0xB5 && head[2] == 0x2F && head[3] == 0xFD && head[0] == 0x28) return LayerCompressionKind.Zstd;
        // A zstd skippable frame (magic 0x184D2A5?, little-endian) may open a zstd stream.
        if (head.Length >= 4 && (head[0] & 0xF0) == 0x50 && head[1] == 0x2A && head[2] == 0x4D && head[3] == 0x18) return LayerCompressionKind.Zstd;
        if (head.Length >= 3 && head[0] == (byte)'B' && head[1] == (byte)'Z' && head[2] == (byte)'h')
            throw new NotSupportedException("bzip2-compressed layers are not supported (use gzip or zstd)");
        if (head.Length >= 6 && head[..6].SequenceEqual((ReadOnlySpan<byte>)[0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0]))
            throw new NotSupportedException("xz-compressed layers are not supported (use gzip or zstd)");
        return LayerCompressionKind.None;
    }

    /// <summary>
    /// The uncompressed bytes of <paramref name="input"/>, whatever its compression: the first
    /// bytes are read to detect it and replayed, so nothing is lost on an unseekable stream.
    /// </summary>
    public static Stream Decompress(Stream input, bool leaveOpen = false) => Decompress(input, out _, leaveOpen);

    /// <inheritdoc cref="Decompress(Stream, bool)"/>
    public static Stream Decompress(Stream input, out LayerCompressionKind kind, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        var head = new byte[MagicLength];
        int length = 0;
        while (length < head.Length)
        {
            int n = input.Read(head, length, head.Length - length);
            if (n == 0) break;
            length += n;
        }
        kind = Detect(head.AsSpan(0, length));
        var replay = new ReplayStream(head.AsMemory(0, length), input, leaveOpen);
        return kind switch
        {
            LayerCompressionKind.Gzip => new GZipStream(replay, CompressionMode.Decompress, leaveOpen: false),
            LayerCompressionKind.Zstd => new ZstdSharp.DecompressionStream(replay, bufferSize: 128 * 1024, checkEndOfStream: true, leaveOpen: false),
            _ => replay,
        };
    }

    /// <summary>
    /// A write-only stream that compresses into <paramref name="output"/>. <paramref name="level"/>:
    /// gzip 1–9 (default 6), zstd 1–22 (default 3); null for the default. Dispose it to finish the
    /// compressed stream. With <see cref="LayerCompressionKind.None"/> the bytes pass through.
    /// </summary>
    public static Stream Compress(Stream output, LayerCompressionKind kind, int? level = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (kind)
        {
            case LayerCompressionKind.Gzip:
                int gzipLevel = level ?? 6;
                if (gzipLevel is < 0 or > 9) throw new ArgumentOutOfRangeException(nameof(level), gzipLevel, "gzip levels are 0-9");
                return new GZipStream(output, new ZLibCompressionOptions { CompressionLevel = gzipLevel }, leaveOpen);
            case LayerCompressionKind.Zstd:
                int zstdLevel = level ?? 3;
                if (zstdLevel is < 1 or > 22) throw new ArgumentOutOfRangeException(nameof(level), zstdLevel, "zstd levels are 1-22");
                return new ZstdSharp.CompressionStream(output, zstdLevel, bufferSize: 128 * 1024, leaveOpen: leaveOpen);
            case LayerCompressionKind.None:
                return new ReplayStream(ReadOnlyMemory<byte>.Empty, output, leaveOpen);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown layer compression");
        }
    }
}
