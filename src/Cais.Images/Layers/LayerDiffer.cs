namespace Cais.Images.Layers;

/// <summary>
/// Writes a directory as a layer tar. <see cref="Diff"/> reads an overlayfs upper directory
/// (a container's changes) and turns overlay whiteouts into OCI ones; <see cref="DiffTree"/>
/// writes a plain tree (a whole root filesystem, for import, export and squash).
/// </summary>
/// <remarks>
/// <para>
/// The tar is deterministic: entries are in byte-wise order of their tar names (a directory
/// "d/" is followed by its whole subtree, which keeps that order), PAX/ustar headers as Go's
/// archive/tar writes them for Docker, uname/gname empty, modification times in whole seconds
/// (clamped to <see cref="DiffOptions.SourceDateEpoch"/> when set), no atime or ctime. So the
/// same content always has the same DiffId. Kept: uid/gid, mode with setuid/setgid/sticky,
/// xattrs (SCHILY.xattr, raw bytes) except overlayfs's own and <c>security.selinux</c> (a
/// host's label, not content), hard links within the tree (by inode: the first path in tar
/// order is the file, later ones link to it), symbolic links, devices and FIFOs. Sockets are
/// left out, as Docker leaves them. The root directory itself is not an entry.
/// </para>
/// <para>
/// In an upper directory a 0/0 character device is a whiteout and becomes an empty
/// <c>.wh.NAME</c>; a directory with <c>trusted.overlay.opaque=y</c> (or
/// <c>user.overlay.opaque=y</c>) gains a <c>.wh..wh..opq</c> entry. An upper directory written
/// with overlayfs's redirect_dir or metacopy features cannot be diffed by reading it (a renamed
/// directory or a metadata-only copy would be lost): such a tree is refused; mount overlays
/// whose upper will be diffed with redirect_dir=off and metacopy=off.
/// </para>
/// <para>Read the tree while nothing writes to it (a stopped or paused container).</para>
/// </remarks>
public static class LayerDiffer
{
    /// <summary>The layer of an overlayfs upper directory, written to <paramref name="output"/> (not disposed).</summary>
    public static DiffResult Diff(string upperDir, Stream output, DiffOptions? options = null, CancellationToken cancellationToken = default) =>
        Write(upperDir, output, options ?? DiffOptions.Default, overlay: true, cancellationToken);

    /// <summary>The layer of a plain directory tree: no whiteout conversion.</summary>
    public static DiffResult DiffTree(string rootDir, Stream output, DiffOptions? options = null, CancellationToken cancellationToken = default) =>
        Write(rootDir, output, options ?? DiffOptions.Default, overlay: false, cancellationToken);

    static DiffResult Write(string dir, Stream output, DiffOptions options, bool overlay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrEmpty(dir);
        // output <- [blob digest <- compressor <-] tar digest <- tar writer
        bool compress = options.Compression != LayerCompressionKind.None;
        using var blob = compress ? new DigestingStream(output) : null;
        using var compressor = compress ? LayerCompression.Compress(blob!, options.Compression, options.CompressionLevel, leaveOpen: true) : null;
        using var tar = new DigestingStream(compressor ?? output);

        var session = new DiffSession(new LayerTarWriter(tar), overlay, options.SourceDateEpoch?.ToUnixTimeSeconds(), cancellationToken)
        {
            Exclude = options.Exclude is { Count: > 0 } exclude ? exclude : null,
        };
        int entries = session.Run(Path.GetFullPath(dir));
        compressor?.Dispose(); // ends the compressed stream
        output.Flush();

        var diffId = tar.Digest();
        return new DiffResult(diffId, tar.BytesWritten)
        {
            BlobDigest = blob?.Digest() ?? diffId,
            BlobSize = blob?.BytesWritten ?? tar.BytesWritten,
            EntryCount = entries,
        };
    }
}
