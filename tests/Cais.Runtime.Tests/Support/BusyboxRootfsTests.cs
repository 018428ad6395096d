using Cais.TestSupport;

namespace Cais.Runtime.Tests.Support;

public class BusyboxRootfsTests
{
    static string InRootfs(params string[] parts) => Path.Combine([BusyboxRootfs.Path, .. parts]);

    [Fact]
    public void Path_IsUnderTheMachineCacheNamedByBusyboxHash()
    {
        var name = Path.GetFileName(BusyboxRootfs.Path);
        Assert.Equal(TestPaths.Root, Path.GetDirectoryName(BusyboxRootfs.Path));
        Assert.Matches("^busybox-[0-9a-f]{12}$", name);
    }

    [Fact]
    public void Path_HasBusyboxAndRelativeLinksForShAndLs()
    {
        Assert.True(File.Exists(InRootfs("bin", "busybox")));
        Assert.Equal(FileModes.Mode755, FileModes.Get(InRootfs("bin", "busybox")));
        Assert.Equal("busybox", new FileInfo(InRootfs("bin", "sh")).LinkTarget);
        Assert.Equal("busybox", new FileInfo(InRootfs("bin", "ls")).LinkTarget);
        Assert.Equal("../../bin/busybox", new FileInfo(InRootfs("usr", "bin", "env")).LinkTarget);
    }

    [Fact]
    public void Path_EveryAppletLinkResolvesToTheRootfsBusybox()
    {
        var busybox = InRootfs("bin", "busybox");
        var applets = BusyboxRootfs.Applets();
        Assert.Contains("bin/sh", applets);
        Assert.True(applets.Count > 100, $"only {applets.Count} applets");
        foreach (var applet in applets.Where(a => a != "bin/busybox"))
        {
            var target = new FileInfo(InRootfs(applet)).ResolveLinkTarget(returnFinalTarget: true);
            Assert.True(target is not null, $"{applet} is not a link");
            Assert.Equal(busybox, target.FullName);
        }
    }

    [Fact]
    public void Path_ShellRunsFromTheHost()
    {
        var result = ProcessRunner.Run(InRootfs("bin", "sh"), ["-c", "echo hello; ls /"]).EnsureSuccess();
        Assert.StartsWith("hello\n", result.Stdout);

        var listing = ProcessRunner.Run(InRootfs("bin", "ls"), [BusyboxRootfs.Path]).EnsureSuccess().Stdout;
        Assert.Equal(["bin", "dev", "etc", "linuxrc", "proc", "root", "run", "sbin", "sys", "tmp", "usr", "var"],
            listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Path_HasPasswdAndGroupWithRootAndNobody()
    {
        Assert.Equal(
            "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n",
            File.ReadAllText(InRootfs("etc", "passwd")));
        Assert.Equal("root:x:0:\nnogroup:x:65534:\n", File.ReadAllText(InRootfs("etc", "group")));
    }

    [Fact]
    public void Path_MountTargetsExistWithTheirModes()
    {
        foreach (var dir in new[] { "proc", "sys", "dev", "var", "run" })
            Assert.Empty(Directory.GetFileSystemEntries(InRootfs(dir)));
        Assert.Equal(FileModes.Mode1777, FileModes.Get(InRootfs("tmp")));
        Assert.Equal(FileModes.Mode700, FileModes.Get(InRootfs("root")));
    }

    [Fact]
    public void EnsureBuilt_Twice_ReusesTheFirstBuild()
    {
        using var cache = new TempDir();
        var first = BusyboxRootfs.EnsureBuilt(cache.Path);
        var marker = Path.Combine(first, "marker");
        File.WriteAllText(marker, "first build");

        var second = BusyboxRootfs.EnsureBuilt(cache.Path);

        Assert.Equal(first, second);
        Assert.True(File.Exists(marker));
        Assert.Equal([first], Directory.GetFileSystemEntries(cache.Path));
    }

    [Fact]
    public void EnsureBuilt_Concurrently_AllGetOneCompleteTreeAndNoStagingLeftovers()
    {
        using var cache = new TempDir();
        var paths = new string[4];
        Parallel.For(0, paths.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => paths[i] = BusyboxRootfs.EnsureBuilt(cache.Path));

        Assert.Single(paths.Distinct());
        Assert.Equal([paths[0]], Directory.GetFileSystemEntries(cache.Path));
        Assert.True(File.Exists(Path.Combine(paths[0], "etc", "group")));
    }

    [Fact]
    public void CopyTo_MakesAPrivateCopyKeepingLinksAndModes()
    {
        using var dir = new TempDir();
        var copy = Path.Combine(dir.Path, "rootfs");
        BusyboxRootfs.CopyTo(copy);

        Assert.Equal("busybox", new FileInfo(Path.Combine(copy, "bin", "sh")).LinkTarget);
        Assert.Equal(FileModes.Mode1777, FileModes.Get(Path.Combine(copy, "tmp")));
        Assert.Equal(FileModes.Mode700, FileModes.Get(Path.Combine(copy, "root")));

        File.WriteAllText(Path.Combine(copy, "etc", "hostname"), "mine\n");
        Assert.False(File.Exists(InRootfs("etc", "hostname")));
    }
}
