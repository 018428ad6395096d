using System.Text;
using Cais.Images.Snapshots;
using Cais.Linux;
using Cais.TestSupport;

namespace Cais.Images.Tests.Snapshots;

/// <summary>
/// A snapshotter on a fresh directory under /var/tmp/cais-test/snapshots (ext4, as production),
/// with helpers to build layers by writing files straight into staged directories. Dispose
/// detaches whatever a test left mounted, removes the directory, and then fails the test if
/// anything had been left mounted.
/// </summary>
internal sealed class SnapshotTestRoot : IDisposable
{
    readonly TempDir _dir = TempDir.Under(System.IO.Path.Combine(TestPaths.Root, "snapshots"));

    public SnapshotTestRoot()
    {
        Snapshotter = new Snapshotter(SnapshotterRoot);
    }

    public string Path => _dir.Path;

    public string SnapshotterRoot => _dir.Combine("overlay");

    public Snapshotter Snapshotter { get; }

    /// <summary>A sha256 chain ID derived from a name, stable within a test.</summary>
    public static Digest ChainId(string name) => Digest.Of(Encoding.UTF8.GetBytes("chain:" + name));

    /// <summary>Stages, fills and commits the layer <paramref name="name"/> on <paramref name="parent"/>.</summary>
    public Digest AddLayer(string name, Digest? parent, Action<string> fill)
    {
        using var staged = Snapshotter.Stage();
        fill(staged.Dir);
        var chainId = ChainId(name);
        Snapshotter.Commit(staged, chainId, parent);
        return chainId;
    }

    /// <summary>A stack of layers, each writing one file of its own: returns the chain IDs, bottom first.</summary>
    public List<Digest> AddStack(int depth, Action<int, string>? fill = null)
    {
        var ids = new List<Digest>(depth);
        Digest? parent = null;
        for (int i = 0; i < depth; i++)
        {
            var id = AddLayer($"layer{i}", parent, dir =>
            {
                Write(dir, $"f{i}", $"{i}");
                fill?.Invoke(i, dir);
            });
            ids.Add(id);
            parent = id;
        }
        return ids;
    }

    public static void Write(string dir, string relative, string content)
    {
        var path = System.IO.Path.Combine(dir, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public static string Read(string dir, string relative) => File.ReadAllText(System.IO.Path.Combine(dir, relative));

    /// <summary>Prepares <paramref name="key"/> on <paramref name="top"/> and mounts it on its merged directory.</summary>
    public (string Merged, OverlayMountMethod Method) PrepareAndMount(
        string key, Digest top, OverlayLowerDirSyntax syntax = OverlayLowerDirSyntax.Auto)
    {
        var m = Snapshotter.Prepare(key, top);
        var merged = Snapshotter.MergedDir(key);
        var method = OverlayMount.Mount(m.LowerDirs, m.UpperDir, m.WorkDir, m.Options, merged, syntax);
        return (merged, method);
    }

    /// <summary>Unmounts and removes a container snapshot (the test's own finally step).</summary>
    public void UnmountAndRemove(string key)
    {
        var merged = Snapshotter.MergedDir(key);
        if (Mounts.IsMountPoint(merged)) OverlayMount.Unmount(merged);
        Snapshotter.Remove(key);
    }

    public IReadOnlyList<string> MountsLeft() => Mounts.MountPointsUnder(Path);

    public void Dispose()
    {
        var left = MountsLeft();
        foreach (var m in left.Reverse())
        {
            try
            {
                OverlayMount.Unmount(m, detach: true);
            }
            catch (SyscallException)
            {
            }
        }
        _dir.Dispose();
        Assert.True(left.Count == 0, $"the test left mounts under {Path}: {string.Join(", ", left)}");
        Assert.Empty(MountsLeft());
    }
}
