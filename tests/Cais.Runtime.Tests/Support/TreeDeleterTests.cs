using Cais.TestSupport;

namespace Cais.Runtime.Tests.Support;

public class TreeDeleterTests
{
    [Fact]
    public void TryDelete_Tree_RemovesFilesDirectoriesAndLinks()
    {
        using var parent = new TempDir();
        var root = Directory.CreateDirectory(parent.Combine("tree")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "a", "b"));
        File.WriteAllText(Path.Combine(root, "a", "b", "f"), "x");
        File.CreateSymbolicLink(Path.Combine(root, "dangling"), "/nonexistent/target");
        var locked = Directory.CreateDirectory(Path.Combine(root, "locked")).FullName;
        File.WriteAllText(Path.Combine(locked, "g"), "y");
        FileModes.Set(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        Assert.True(TreeDeleter.TryDelete(root));
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void TryDelete_LinksToOutsideDirectories_AreRemovedNotFollowed()
    {
        using var parent = new TempDir();
        var outside = Directory.CreateDirectory(parent.Combine("outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "precious"), "keep");
        var root = Directory.CreateDirectory(parent.Combine("tree")).FullName;
        File.CreateSymbolicLink(Path.Combine(root, "link-to-dir"), outside);
        File.CreateSymbolicLink(Path.Combine(root, "link-to-file"), Path.Combine(outside, "precious"));

        Assert.True(TreeDeleter.TryDelete(root));
        Assert.False(Directory.Exists(root));
        Assert.Equal("keep", File.ReadAllText(Path.Combine(outside, "precious")));
    }

    [Fact]
    public void TryDelete_Missing_ReturnsTrue() =>
        Assert.True(TreeDeleter.TryDelete("/var/tmp/cais-test/does-not-exist-" + TempDir.RandomName()));

    [RootFact]
    public void TryDelete_LeftoverBindMount_LeavesTheMountedFilesAlone()
    {
        using var parent = new TempDir();
        var host = Directory.CreateDirectory(parent.Combine("host")).FullName;
        File.WriteAllText(Path.Combine(host, "precious"), "keep");
        var root = Directory.CreateDirectory(parent.Combine("tree")).FullName;
        var mountPoint = Directory.CreateDirectory(Path.Combine(root, "rootfs", "mnt")).FullName;
        File.WriteAllText(Path.Combine(root, "config.json"), "{}");

        ProcessRunner.Run("mount", ["--bind", host, mountPoint]).EnsureSuccess();
        try
        {
            Assert.Contains(mountPoint, TreeDeleter.MountPointsUnder(root));
            Assert.False(TreeDeleter.TryDelete(root));
            Assert.Equal("keep", File.ReadAllText(Path.Combine(host, "precious")));
            Assert.False(File.Exists(Path.Combine(root, "config.json")));
            Assert.True(Directory.Exists(mountPoint));
        }
        finally
        {
            ProcessRunner.Run("umount", [mountPoint]).EnsureSuccess();
        }
        Assert.True(TreeDeleter.TryDelete(root));
    }
}
