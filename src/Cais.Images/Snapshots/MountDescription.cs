namespace Cais.Images.Snapshots;

/// <summary>
/// How to mount a container snapshot; the snapshotter never mounts (containerd's
/// core/mount.Mount plays this part). Either an overlay (<see cref="Type"/> "overlay"): lower
/// directories top first as absolute ROOT/l/ short-link paths, an upper and a work directory,
/// and the extra <see cref="Options"/> ("index=off", ...), which never repeat the directories;
/// or, for a container with no image layers, a bind of a plain directory (<see cref="Type"/>
/// "bind", <see cref="Source"/> the upper directory, options "rbind", "rw"), which a caller may
/// also use directly as the root filesystem.
/// </summary>
public sealed record MountDescription(
    string Type,
    string Source,
    IReadOnlyList<string> LowerDirs,
    string? UpperDir,
    string? WorkDir,
    IReadOnlyList<string> Options)
{
    public const string Overlay = "overlay";
    public const string Bind = "bind";

    public bool IsOverlay => Type == Overlay;
}
