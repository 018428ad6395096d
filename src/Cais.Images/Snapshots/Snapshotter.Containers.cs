using static Cais.Images.Snapshots.SnapshotLayout;

namespace Cais.Images.Snapshots;

public sealed partial class Snapshotter
{
    /// <summary>
    /// Creates the container snapshot <paramref name="key"/> (upper, work and merged
    /// directories) on top of the layer <paramref name="top"/>, or on an empty root when null,
    /// and returns how to mount it. Nothing is mounted.
    /// </summary>
    /// <exception cref="SnapshotExistsException">The key is taken.</exception>
    /// <exception cref="SnapshotNotFoundException">The layer is not committed.</exception>
    public MountDescription Prepare(string key, Digest? top)
    {
        ValidateKey(key);
        lock (_gate)
        {
            var dir = ContainerPath(key);
            if (Directory.Exists(dir)) throw new SnapshotExistsException($"container snapshot \"{key}\" exists already");
            string? lower = null;
            if (top is { } t)
            {
                var hex = HexOf(t);
                if (!Directory.Exists(LayerPath(hex))) throw new SnapshotNotFoundException($"layer {t} is not committed");
                lower = LowerAbove(ReadLinkName(hex), ReadLower(hex));
            }

            var staging = NewStaging(out var name);
            try
            {
                CreateDir(Path.Combine(staging, SnapshotLayout.UpperDir), Mode755);
                CreateDir(Path.Combine(staging, WorkDir), Mode700);
                CreateDir(Path.Combine(staging, SnapshotLayout.MergedDir), Mode700);
                File.WriteAllText(Path.Combine(staging, ParentFile), top?.ToString() ?? "");
                if (lower is not null) File.WriteAllText(Path.Combine(staging, LowerFile), lower);
                Directory.Move(staging, dir);
                ForgetStaging(name);
            }
            catch (IOException) when (Directory.Exists(dir))
            {
                DiscardStaging(name, staging);
                throw new SnapshotExistsException($"container snapshot \"{key}\" exists already");
            }
            catch
            {
                DiscardStaging(name, staging);
                throw;
            }
        }
        return MountsOf(key);
    }

    /// <summary>How to mount the existing container snapshot <paramref name="key"/>.</summary>
    /// <exception cref="SnapshotNotFoundException">No such key.</exception>
    public MountDescription MountsOf(string key)
    {
        var dir = ExistingContainer(key);
        var upper = Path.Combine(dir, SnapshotLayout.UpperDir);
        var lower = ReadOptional(Path.Combine(dir, LowerFile));
        if (lower is null) return new MountDescription(MountDescription.Bind, upper, [], upper, null, BindOptions);
        var lowers = ParseLower(lower).Select(e => Path.Combine(Root, e)).ToArray();
        return new MountDescription(MountDescription.Overlay, MountDescription.Overlay, lowers, upper, Path.Combine(dir, WorkDir), OverlayOptions);
    }

    /// <summary>ROOT/containers/&lt;key&gt;/upper: where the container's writes land.</summary>
    public string UpperDir(string key) => Path.Combine(ExistingContainer(key), SnapshotLayout.UpperDir);

    /// <summary>ROOT/containers/&lt;key&gt;/merged: where the caller mounts the snapshot.</summary>
    public string MergedDir(string key) => Path.Combine(ExistingContainer(key), SnapshotLayout.MergedDir);

    /// <summary>
    /// Removes the container snapshot's directories. Unmounts nothing: refuses while merged (or
    /// anything under the snapshot) is a mount point.
    /// </summary>
    /// <exception cref="SnapshotNotFoundException">No such key.</exception>
    /// <exception cref="SnapshotInUseException">Still mounted.</exception>
    public void Remove(string key)
    {
        (string Name, string Path) trash;
        lock (_gate)
        {
            var dir = ExistingContainer(key);
            if (Cais.Linux.Mounts.MountPointsUnder(dir) is [var mounted, ..])
                throw new SnapshotInUseException($"container snapshot \"{key}\" is mounted at {mounted}: unmount it first");
            trash = RenameAway(dir);
        }
        DiscardStaging(trash.Name, trash.Path);
    }

    /// <summary>The keys of the container snapshots, in ordinal order.</summary>
    public IEnumerable<string> Containers() =>
        [.. Directory.EnumerateDirectories(ContainersPath)
            .Select(d => Path.GetFileName(d))
            .Where(IsValidKey)
            .Order(StringComparer.Ordinal)];

    string ExistingContainer(string key)
    {
        ValidateKey(key);
        var dir = ContainerPath(key);
        return Directory.Exists(dir) ? dir : throw new SnapshotNotFoundException($"no container snapshot \"{key}\"");
    }

    static void ValidateKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!IsValidKey(key))
            throw new ArgumentException($"snapshot key \"{key}\": use 1 to 128 of [A-Za-z0-9_.-], starting with a letter or digit", nameof(key));
    }
}
