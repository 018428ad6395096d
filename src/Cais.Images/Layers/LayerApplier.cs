namespace Cais.Images.Layers;

/// <summary>
/// Unpacks a layer tar (plain, gzip or zstd) into a directory, converting whiteouts for
/// overlayfs (or applying them, see <see cref="WhiteoutMode"/>), and never writing outside it.
/// </summary>
/// <remarks>
/// <para>
/// Apply writes straight into the directory it is given and is not atomic: a failure or a kill
/// part-way leaves a partial tree. Callers unpack into a fresh staging directory and rename it
/// into place once Apply returns (the snapshotter does), and delete the staging directory when
/// it throws. Apply itself fails cleanly, with an exception and no further writes, on the first
/// bad entry: a truncated or malformed archive (<see cref="LayerFormatException"/>), an entry
/// that would reach outside the target (<see cref="LayerSecurityException"/>), or a failed
/// system call (<see cref="Cais.Linux.SyscallException"/>, naming the path).
/// </para>
/// <para>
/// What is kept: uid/gid, mode with setuid/setgid/sticky, modification times (directories'
/// set last, since filling them changes them; access time is set to the modification time,
/// as Docker does when the tar has none), PAX <c>SCHILY.xattr.*</c> attributes byte for byte
/// (<c>security.capability</c> included), hard links, symbolic links (written as they are and
/// never followed), FIFOs and devices, and GNU sparse files in PAX format 1.0. Not kept:
/// <c>trusted.overlay.*</c> and <c>user.overlay.*</c> attributes from the tar (they are
/// overlayfs's own state; a layer could otherwise plant redirects), and attributes the file
/// system or the caller's privileges refuse (ENOTSUP, EPERM: skipped with a warning, as Docker
/// does; any other errno fails the layer). File names that are not valid UTF-8 are not
/// preserved (System.Formats.Tar decodes names as UTF-8).
/// </para>
/// <para>
/// Security: every path is cleaned first (a leading "/" is dropped; a ".." climbing above the
/// root is refused). All writes are relative to a directory fd opened with openat2
/// RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS, so an entry whose parent is, or passes through, a
/// symbolic link is refused rather than followed (Docker follows it inside the root). A hard
/// link's target is cleaned and resolved the same way (an absolute target is taken inside the
/// root, as Docker and GNU tar take it) and must exist; a link to a symbolic link links the
/// link itself. Files are created with O_CREAT | O_EXCL | O_NOFOLLOW after removing whatever
/// was there (Docker's rules: a directory over a directory is kept and its metadata updated;
/// anything else is removed first, a directory recursively).
/// </para>
/// </remarks>
public static class LayerApplier
{
    /// <summary>Applies <paramref name="layer"/> (read to its end; not disposed) onto <paramref name="targetDir"/>.</summary>
    public static ApplyResult Apply(Stream layer, string targetDir, ApplyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentException.ThrowIfNullOrEmpty(targetDir);
        options ??= ApplyOptions.Default;

        Stream tar;
        try
        {
            tar = LayerCompression.Decompress(layer, leaveOpen: true);
        }
        catch (NotSupportedException e)
        {
            throw new LayerFormatException(null, e.Message, e);
        }
        using (tar)
        using (var source = new TarSource(tar))
        using (var session = new ApplySession(targetDir, options))
        {
            return session.Run(source, cancellationToken);
        }
    }
}
