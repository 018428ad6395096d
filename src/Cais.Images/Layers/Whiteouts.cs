namespace Cais.Images.Layers;

/// <summary>
/// The whiteout convention of OCI layers (image-spec layer.md, from AUFS): <c>.wh.NAME</c>
/// deletes NAME from the layers below; <c>.wh..wh..opq</c> in a directory hides everything the
/// layers below hold in it. overlayfs spells the same as a 0/0 character device and the
/// xattr <c>trusted.overlay.opaque=y</c> (<c>user.overlay.opaque</c> on a userxattr mount).
/// </summary>
public static class Whiteouts
{
    public const string Prefix = ".wh.";
    public const string MetaPrefix = ".wh..wh.";
    public const string OpaqueMarker = ".wh..wh..opq";
    public const string OpaqueXattr = "trusted.overlay.opaque";
    public const string UserOpaqueXattr = "user.overlay.opaque";

    /// <summary>overlayfs's own attributes (opaque, redirect, origin, metacopy, ...), never copied between layers as content.</summary>
    public static bool IsOverlayXattr(string name) =>
        name.StartsWith("trusted.overlay.", StringComparison.Ordinal) || name.StartsWith("user.overlay.", StringComparison.Ordinal);
}
