using System.Collections.Concurrent;
using Cais.Linux;
using static Cais.Images.Snapshots.SnapshotLayout;

namespace Cais.Images.Snapshots;

/// <summary>
/// The overlay snapshotter: image layers unpacked once into directories and stacked with
/// overlayfs under each container's own read-write directory. It lays out and describes; it
/// does not mount (see <see cref="MountDescription"/> and Cais.Linux's OverlayMount).
/// </summary>
/// <remarks>
/// <para>Vocabulary, as containerd's core/snapshots/snapshotter.go fixes it: a <b>layer</b> is
/// committed and immutable, named by its chain ID (which names its parent too); a
/// <b>container snapshot</b> is active, named by a key the caller chooses, and sits on top of
/// one layer (its parent) or on nothing. The directory layout is Docker's overlay2 one (see
/// <see cref="SnapshotLayout"/>), with its short links.</para>
/// <para>A whole use, pulling a two-layer image and running a container on it:</para>
/// <code>
/// var s = new Snapshotter("/var/lib/cais/overlay");
/// foreach ((diffId, chainId, parent) in layers, bottom first)
///     if (!s.HasLayer(chainId))
///     {
///         using var staged = s.Stage();
///         applier.Apply(blob, staged.Dir);      // the layer's tar, whiteouts in overlay form
///         s.Commit(staged, chainId, parent);     // atomic; a concurrent pull of the same layer is fine
///     }
/// var m = s.Prepare(containerId, topChainId);    // upper, work, merged; nothing mounted
/// OverlayMount.Mount(m.LowerDirs, m.UpperDir, m.WorkDir, m.Options, s.MergedDir(containerId));
/// ... the container runs with merged as its root ...
/// OverlayMount.Unmount(s.MergedDir(containerId));
/// s.Remove(containerId);                         // refuses while merged is mounted
/// s.RemoveLayer(topChainId); s.RemoveLayer(baseChainId);  // top down: a layer in use is refused
/// </code>
/// <para>Crash safety: every change is a rename. A layer is unpacked in ROOT/staging and
/// renamed into ROOT/layers with its link and lower files; a container's directories are
/// made in ROOT/staging and renamed into ROOT/containers; removal renames into ROOT/staging
/// first. A crash leaves either nothing visible or a complete thing; the leftovers in
/// ROOT/staging and dangling short links are removed by <see cref="CleanStaging"/>.</para>
/// <para>Concurrency: one instance serializes its own changes. Instances in several processes
/// over one root stay consistent for concurrent commits (the rename decides), but removal
/// and <see cref="CleanStaging"/> assume one owner of the root, the daemon.</para>
/// <para>Durability: as Docker and containerd, nothing is fsynced; a power cut (not a process
/// crash) right after a commit may leave file contents unwritten on some filesystems.</para>
/// </remarks>
public sealed partial class Snapshotter
{
    /// <summary>
    /// The most layers one image may stack: overlayfs's OVL_MAX_STACK. Docker stops at 128,
    /// because it passes lowerdir in one page; cais passes one "lowerdir+" per layer.
    /// </summary>
    public const int MaxDepth = OverlayMount.MaxLowerDirs;

    /// <summary>
    /// The options every overlay of a container gets.
    /// <list type="bullet">
    /// <item>index=off, as Docker (moby#37993) and containerd (#4311): with the inode index on
    /// (CONFIG_OVERLAY_FS_INDEX or the module parameter), a directory used as the upper of one
    /// mount cannot be a lower or upper elsewhere (EBUSY), which breaks committing a running
    /// container. Passed always, because the global default can change at run time.</item>
    /// <item>redirect_dir=off and metacopy=off: Docker passes neither and, when the kernel
    /// default has them on, notices at start-up and diffs containers the slow way. cais pins
    /// them off so an upper directory is always a self-contained diff ("docker commit" tars
    /// it): renaming a lower directory then fails with EXDEV and mv copies it instead, and a
    /// chmod copies the whole file up.</item>
    /// <item>xino is left to the kernel (off unless CONFIG_OVERLAY_FS_XINO_AUTO): all layers
    /// live on one filesystem under ROOT, where overlayfs already reports stable, unique inode
    /// numbers. userxattr is for mounts in a user namespace, which cais does not make.</item>
    /// </list>
    /// </summary>
    public static readonly IReadOnlyList<string> OverlayOptions = ["index=off", "redirect_dir=off", "metacopy=off"];

    static readonly IReadOnlyList<string> BindOptions = ["rbind", "rw"];

    const UnixFileMode Mode700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    const UnixFileMode Mode710 = Mode700 | UnixFileMode.GroupExecute;
    const UnixFileMode Mode755 = Mode710 | UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    // Serializes this instance's changes: commit, prepare, removal, cleaning.
    readonly Lock _gate = new();

    // ROOT/staging entries this instance is using (being unpacked, created or deleted).
    readonly ConcurrentDictionary<string, byte> _live = new(StringComparer.Ordinal);

    /// <summary>Opens (creating if missing) a snapshotter rooted at <paramref name="root"/>.</summary>
    public Snapshotter(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root, Mode710);
        Directory.CreateDirectory(LinksPath, Mode700);
        Directory.CreateDirectory(LayersPath, Mode710);
        Directory.CreateDirectory(ContainersPath, Mode710);
        Directory.CreateDirectory(StagingPath, Mode700);
    }

    /// <summary>The absolute root directory.</summary>
    public string Root { get; }

    string LinksPath => Path.Combine(Root, LinksDir);
    string LayersPath => Path.Combine(Root, LayersDir);
    string ContainersPath => Path.Combine(Root, ContainersDir);
    string StagingPath => Path.Combine(Root, StagingDir);

    string LayerPath(string hex) => Path.Combine(LayersPath, hex);
    string ContainerPath(string key) => Path.Combine(ContainersPath, key);
    string ShortLinkPath(string name) => Path.Combine(LinksPath, name);

    // A new, empty directory under ROOT/staging, registered as in use.
    string NewStaging(out string name)
    {
        name = Guid.NewGuid().ToString("N");
        var path = Path.Combine(StagingPath, name);
        _live[name] = 0;
        try
        {
            Directory.CreateDirectory(path, Mode710);
        }
        catch
        {
            _live.TryRemove(name, out _);
            throw;
        }
        return path;
    }

    internal void ForgetStaging(string name) => _live.TryRemove(name, out _);

    internal void DiscardStaging(string name, string path)
    {
        try
        {
            DeleteTree(path);
        }
        finally
        {
            ForgetStaging(name);
        }
    }

    // Makes a visible directory invisible at once: a rename into staging, registered as in use.
    // The caller deletes it with DiscardStaging, outside the lock.
    (string Name, string Path) RenameAway(string path)
    {
        var name = Guid.NewGuid().ToString("N");
        var trash = Path.Combine(StagingPath, name);
        _live[name] = 0;
        try
        {
            Directory.Move(path, trash);
        }
        catch
        {
            ForgetStaging(name);
            throw;
        }
        return (name, trash);
    }

    // Never descends into a mount: a mount below is refused, not deleted through.
    static void DeleteTree(string path)
    {
        if (!Directory.Exists(path)) return;
        if (Mounts.MountPointsUnder(path) is [var first, ..])
            throw new SnapshotInUseException($"{first} is mounted: unmount it before removing {path}");
        Directory.Delete(path, recursive: true);
    }

    static void CreateDir(string path, UnixFileMode mode) => Directory.CreateDirectory(path, mode);

    static string? ReadOptional(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
