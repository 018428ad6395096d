namespace Cais.Images.Layers;

/// <summary>What a whiteout entry (<c>.wh.name</c>, <c>.wh..wh..opq</c>) becomes on disk.</summary>
public enum WhiteoutMode
{
    /// <summary>
    /// overlayfs's own markers, for a layer unpacked into its own empty directory and stacked
    /// later: <c>dir/.wh.name</c> becomes the character device 0/0 <c>dir/name</c>, and
    /// <c>dir/.wh..wh..opq</c> sets <c>trusted.overlay.opaque=y</c> on <c>dir</c>.
    /// </summary>
    Overlay,

    /// <summary>
    /// Applied onto a tree that already holds the layers below (flatten, export): the named path
    /// is removed, and an opaque directory loses every child this layer did not bring.
    /// </summary>
    Delete,
}

/// <summary>How <see cref="LayerApplier.Apply"/> writes a layer.</summary>
public sealed record ApplyOptions
{
    public static readonly ApplyOptions Default = new();

    public WhiteoutMode WhiteoutMode { get; init; } = WhiteoutMode.Overlay;

    /// <summary>
    /// Whether character and block device entries are created (as Docker does). When false such
    /// an entry is refused with a <see cref="LayerSecurityException"/>. FIFOs are always allowed,
    /// and so are whiteouts.
    /// </summary>
    public bool AllowDevices { get; init; } = true;

    /// <summary>Give entries the tar's uid and gid (needs CAP_CHOWN). When false, files belong to the caller.</summary>
    public bool PreserveOwnership { get; init; } = true;

    /// <summary>
    /// syncfs(2) the target's file system once at the end, so the layer is on disk before the
    /// caller renames it into place. No file is fsynced on its own.
    /// </summary>
    public bool Sync { get; init; }
}

/// <summary>What an applied layer was.</summary>
/// <param name="DiffId">sha256 of the uncompressed tar, every byte of it (what <c>sha256sum</c> of the tar prints).</param>
/// <param name="UnpackedSize">The bytes of regular file data written (a sparse file counts its full size).</param>
public sealed record ApplyResult(Digest DiffId, long UnpackedSize)
{
    /// <summary>Tar entries read, including whiteouts and skipped ones.</summary>
    public int EntryCount { get; init; }

    /// <summary>
    /// What was not applied but did not fail the layer: extended attributes the file system or
    /// the caller's privileges refused (ENOTSUP, EPERM), as Docker ignores them.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
