using Cais.Images.Snapshots;
using Cais.Linux;
using Cais.TestSupport;

namespace Cais.Images.Tests.Snapshots;

/// <summary>OverlayMount on its own (root): fallbacks, errors, lower-only overlays.</summary>
[Collection("overlay mounts")]
public sealed class OverlayMountTests : IDisposable
{
    readonly SnapshotTestRoot _t = new();

    public void Dispose() => _t.Dispose();

    string Dir(params string[] parts)
    {
        var path = Path.Combine([_t.Path, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }

    // A lower directory whose path is longer than the 255 bytes fsconfig copies for a value.
    string LongLowerDir()
    {
        var dir = Dir(new string('a', 100), new string('b', 100), new string('c', 100));
        SnapshotTestRoot.Write(dir, "deep", "long path");
        return dir;
    }

    [RootFact]
    public void SupportsLowerDirAppend_Linux618_IsTrue() => Assert.True(OverlayMount.SupportsLowerDirAppend);

    [RootFact]
    public void Mount_AutoPathLongerThanFsconfigTakes_UsesString()
    {
        var target = Dir("t");
        try
        {
            var method = OverlayMount.Mount([LongLowerDir(), Dir("short")], null, null, Snapshotter.OverlayOptions, target);

            Assert.Equal(OverlayMountMethod.LowerDirString, method);
            Assert.Equal("long path", SnapshotTestRoot.Read(target, "deep"));
        }
        finally
        {
            if (Mounts.IsMountPoint(target)) OverlayMount.Unmount(target);
        }
    }

    [RootFact]
    public void Mount_AppendPathLongerThanFsconfigTakes_ThrowsEinvalNamingDir()
    {
        var target = Dir("t");
        var lower = LongLowerDir();

        var e = Assert.Throws<SyscallException>(() =>
            OverlayMount.Mount([lower], null, null, [], target, OverlayLowerDirSyntax.Append));

        Assert.Equal(("fsconfig", Errno.EINVAL), (e.Syscall, e.Errno));
        Assert.Contains("lowerdir+=" + lower, e.Message);
        Assert.False(Mounts.IsMountPoint(target));
    }

    [RootFact]
    public void Mount_AutoAndKernelRejectsLayout_ThrowsFromCreateWithoutRetrying()
    {
        var target = Dir("t");
        var upper = Dir("upper");
        var work = Dir("upper", "work");   // overlayfs wants separate subtrees

        var e = Assert.Throws<SyscallException>(() =>
            OverlayMount.Mount([Dir("lower")], upper, work, Snapshotter.OverlayOptions, target));

        Assert.Equal(("fsconfig", Errno.EINVAL), (e.Syscall, e.Errno));
        Assert.Contains($"create overlay for {target}", e.Message);
        Assert.False(Mounts.IsMountPoint(target));
    }

    [RootFact]
    public void Mount_UnknownOption_ReportsKernelLogMessage()
    {
        var target = Dir("t");

        var e = Assert.Throws<SyscallException>(() =>
            OverlayMount.Mount([Dir("a"), Dir("b")], null, null, ["no-such-option"], target));

        Assert.Equal(("fsconfig", Errno.EINVAL), (e.Syscall, e.Errno));
        Assert.Contains("no-such-option [", e.Message);
        Assert.Contains("Unknown parameter", e.Message);
    }

    [RootFact]
    public void Mount_MissingLowerDir_ThrowsSyscallExceptionNamingIt()
    {
        var target = Dir("t");
        var missing = Path.Combine(_t.Path, "missing");

        var e = Assert.Throws<SyscallException>(() =>
            OverlayMount.Mount([missing], null, null, Snapshotter.OverlayOptions, target, OverlayLowerDirSyntax.Append));

        Assert.Equal(("fsconfig", Errno.ENOENT), (e.Syscall, e.Errno));
        Assert.Contains(missing, e.Message);
        Assert.False(Mounts.IsMountPoint(target));
    }

    [RootFact]
    public void Mount_LowerDirsOnly_IsReadOnlyUnion()
    {
        var ids = _t.AddStack(2);
        var target = Dir("view");
        var lowers = new[] { _t.Snapshotter.LayerDir(ids[1]), _t.Snapshotter.LayerDir(ids[0]) };
        try
        {
            OverlayMount.Mount(lowers, null, null, Snapshotter.OverlayOptions, target);

            Assert.Equal(["f0", "f1"], Directory.GetFileSystemEntries(target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.ThrowsAny<IOException>(() => File.WriteAllText(Path.Combine(target, "x"), "x"));
        }
        finally
        {
            if (Mounts.IsMountPoint(target)) OverlayMount.Unmount(target);
        }
    }

    [RootFact]
    public void Unmount_Detach_RemovesBusyMount()
    {
        var ids = _t.AddStack(2);
        var target = Dir("busy");
        OverlayMount.Mount([_t.Snapshotter.LayerDir(ids[1]), _t.Snapshotter.LayerDir(ids[0])], null, null, Snapshotter.OverlayOptions, target);
        using (var open = File.OpenRead(Path.Combine(target, "f0")))
        {
            OverlayMount.Unmount(target, detach: true);
            Assert.False(Mounts.IsMountPoint(target));
            Assert.Equal((byte)'0', (byte)open.ReadByte());
        }
        Assert.Empty(_t.MountsLeft());
    }

    [Fact]
    public void Mount_BadArguments_ThrowBeforeAnyCall()
    {
        var tooMany = Enumerable.Range(0, OverlayMount.MaxLowerDirs + 1).Select(i => $"/nonexistent/{i}").ToArray();
        Assert.Throws<ArgumentException>(() => OverlayMount.Mount(tooMany, null, null, [], "/nonexistent"));
        Assert.Throws<ArgumentException>(() => OverlayMount.Mount([], null, null, [], "/nonexistent"));
        Assert.Throws<ArgumentException>(() => OverlayMount.Mount(["/a"], "/u", null, [], "/nonexistent"));
        Assert.Throws<ArgumentException>(() => OverlayMount.Mount(["/a"], null, null, ["lowerdir=/b"], "/nonexistent"));
        Assert.Throws<ArgumentException>(() => OverlayMount.Mount(["/a"], null, null, ["a,b"], "/nonexistent"));
    }

    [RootFact]
    public void IsMountPoint_PlainDirAndMissingPath_False()
    {
        Assert.False(Mounts.IsMountPoint(Dir("plain")));
        Assert.False(Mounts.IsMountPoint(Path.Combine(_t.Path, "missing")));
        Assert.True(Mounts.IsMountPoint("/"));
        Assert.True(Mounts.IsMountPoint("/proc"));
    }
}
