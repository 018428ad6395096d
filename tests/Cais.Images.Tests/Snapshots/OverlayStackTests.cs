using Cais.Images.Snapshots;
using Cais.Linux;
using Cais.TestSupport;

namespace Cais.Images.Tests.Snapshots;

/// <summary>
/// Real overlay mounts of snapshots (root). Each test unmounts and removes its snapshot in
/// finally; the fixture then asserts that nothing is left mounted under its directory.
/// </summary>
[Collection("overlay mounts")]
public sealed class OverlayStackTests : IDisposable
{
    readonly SnapshotTestRoot _t = new();

    Snapshotter S => _t.Snapshotter;

    public void Dispose() => _t.Dispose();

    static void Write(string dir, string rel, string content) => SnapshotTestRoot.Write(dir, rel, content);

    // base: shared, only-base, etc/ (a, b); mid: shared, only-mid; top: shared, only-top.
    List<Digest> ThreeLayers(Action<string>? topExtra = null)
    {
        var b = _t.AddLayer("base", null, d =>
        {
            Write(d, "shared", "base"); Write(d, "only-base", "1"); Write(d, "etc/a", "a"); Write(d, "etc/b", "b");
        });
        var m = _t.AddLayer("mid", b, d => { Write(d, "shared", "mid"); Write(d, "only-mid", "2"); });
        var t = _t.AddLayer("top", m, d => { Write(d, "shared", "top"); Write(d, "only-top", "3"); topExtra?.Invoke(d); });
        return [b, m, t];
    }

    [RootFact]
    public void Mount_ThreeLayers_ShowsUnionWithTopWinning()
    {
        var ids = ThreeLayers();
        try
        {
            var (merged, method) = _t.PrepareAndMount("c1", ids[2]);

            Assert.Equal(OverlayMountMethod.AppendedLowerDirs, method);   // Linux 6.8+ on these machines
            Assert.True(Mounts.IsMountPoint(merged));
            Assert.Equal("top", SnapshotTestRoot.Read(merged, "shared"));
            Assert.Equal(["etc", "only-base", "only-mid", "only-top", "shared"],
                Directory.GetFileSystemEntries(merged).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.Equal("a", SnapshotTestRoot.Read(merged, "etc/a"));
        }
        finally
        {
            _t.UnmountAndRemove("c1");
        }
        Assert.Empty(_t.MountsLeft());
    }

    [RootFact]
    public void Mount_WhiteoutInTopLayer_HidesLowerFile()
    {
        var ids = ThreeLayers(top => OverlayFormat.MakeWhiteout(Path.Combine(top, "only-base")));
        Assert.True(OverlayFormat.IsWhiteout(Path.Combine(S.LayerDir(ids[2]), "only-base")));
        try
        {
            var (merged, _) = _t.PrepareAndMount("c1", ids[2]);

            Assert.False(Path.Exists(Path.Combine(merged, "only-base")));
            Assert.True(File.Exists(Path.Combine(merged, "only-mid")));
            Assert.True(File.Exists(Path.Combine(S.LayerDir(ids[0]), "only-base")));
        }
        finally
        {
            _t.UnmountAndRemove("c1");
        }
    }

    [RootFact]
    public void Mount_OpaqueDirInTopLayer_HidesLowerContent()
    {
        var ids = ThreeLayers(top =>
        {
            Write(top, "etc/new", "n");
            OverlayFormat.SetOpaque(Path.Combine(top, "etc"));
        });
        Assert.True(OverlayFormat.IsOpaque(Path.Combine(S.LayerDir(ids[2]), "etc")));
        try
        {
            var (merged, _) = _t.PrepareAndMount("c1", ids[2]);

            Assert.Equal(["new"], Directory.GetFileSystemEntries(Path.Combine(merged, "etc")).Select(Path.GetFileName));
        }
        finally
        {
            _t.UnmountAndRemove("c1");
        }
    }

    [RootFact]
    public void Mount_Writes_GoToUpperOnlyAndLayersAreUntouched()
    {
        var ids = ThreeLayers();
        var before = ids.Select(Snapshot).ToList();
        try
        {
            var (merged, _) = _t.PrepareAndMount("c1", ids[2]);
            File.WriteAllText(Path.Combine(merged, "created"), "new");
            File.WriteAllText(Path.Combine(merged, "only-base"), "changed");
            File.Delete(Path.Combine(merged, "only-mid"));
            Directory.CreateDirectory(Path.Combine(merged, "etc", "sub"));

            var upper = S.UpperDir("c1");
            Assert.Equal("new", SnapshotTestRoot.Read(upper, "created"));
            Assert.Equal("changed", SnapshotTestRoot.Read(upper, "only-base"));
            Assert.True(OverlayFormat.IsWhiteout(Path.Combine(upper, "only-mid")));
            Assert.True(Directory.Exists(Path.Combine(upper, "etc", "sub")));
            Assert.False(File.Exists(Path.Combine(upper, "shared")));
        }
        finally
        {
            _t.UnmountAndRemove("c1");
        }
        Assert.Equal(before, ids.Select(Snapshot).ToList());
    }

    [RootFact]
    public void Remove_MergedMounted_RefusesAndSucceedsAfterUnmount()
    {
        var ids = ThreeLayers();
        var (merged, _) = _t.PrepareAndMount("c1", ids[2]);
        try
        {
            var e = Assert.Throws<SnapshotInUseException>(() => S.Remove("c1"));
            Assert.Contains("merged", e.Message);
            Assert.Equal(["c1"], S.Containers());
            Assert.Throws<SnapshotInUseException>(() => S.RemoveLayer(ids[2]));
        }
        finally
        {
            OverlayMount.Unmount(merged);
        }
        Assert.False(Mounts.IsMountPoint(merged));
        S.Remove("c1");
        Assert.Empty(S.Containers());
        S.RemoveLayer(ids[2]);
    }

    [RootFact]
    public void Mount_TwoContainersOnOneLayer_AreIndependent()
    {
        var ids = ThreeLayers();
        try
        {
            var (one, _) = _t.PrepareAndMount("c1", ids[2]);
            var (two, _) = _t.PrepareAndMount("c2", ids[1]);
            File.WriteAllText(Path.Combine(one, "shared"), "c1");

            Assert.Equal("mid", SnapshotTestRoot.Read(two, "shared"));
            Assert.False(File.Exists(Path.Combine(two, "only-top")));
        }
        finally
        {
            _t.UnmountAndRemove("c1");
            _t.UnmountAndRemove("c2");
        }
    }

    [RootFact]
    public void Unmount_NotMounted_ThrowsSyscallExceptionNamingTarget()
    {
        S.Prepare("c1", null);
        var e = Assert.Throws<SyscallException>(() => OverlayMount.Unmount(S.MergedDir("c1")));
        Assert.Equal("umount2", e.Syscall);
        Assert.Equal(Errno.EINVAL, e.Errno);
        Assert.Contains("merged", e.Message);
    }

    // Every file of a layer with its content: to compare before and after.
    string Snapshot(Digest id)
    {
        var dir = S.LayerDir(id);
        return string.Join("\n", Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => File.Exists(p) ? $"{Path.GetRelativePath(dir, p)}={File.ReadAllText(p)}" : Path.GetRelativePath(dir, p) + "/"));
    }
}
