using System.Text;
using Cais.Api.Models.Containers;
using Cais.Engine.Changes;
using Cais.Linux;
using Cais.TestSupport;

namespace Cais.Engine.Tests.Changes;

/// <summary>`docker diff` from an overlay upper directory laid out by hand (whiteouts and opaque directories need root).</summary>
public sealed class OverlayChangesTests : IDisposable
{
    readonly TempDir dir = TempDir.Under(Path.Combine(TestPaths.Root, "engine"), "changes-");
    static readonly DateTime Then = new(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);
    static readonly IReadOnlySet<string> MountPoints = new HashSet<string> { "/etc/hostname", "/etc/hosts", "/proc", "/sys" };

    public void Dispose() => dir.Dispose();

    string Lower => dir.Combine("lower");

    string Upper => dir.Combine("upper");

    void LowerImage()
    {
        foreach (var d in new[] { "bin", "etc", "tmp", "opaque" }) Directory.CreateDirectory(Path.Combine(Lower, d));
        File.WriteAllText(Path.Combine(Lower, "bin", "ls"), "ls");
        File.WriteAllText(Path.Combine(Lower, "etc", "passwd"), "root:x:0:0::/root:/bin/sh\n");
        File.WriteAllText(Path.Combine(Lower, "opaque", "old"), "old");
        foreach (var d in new[] { "bin", "etc", "tmp", "opaque" }) Directory.SetLastWriteTimeUtc(Path.Combine(Lower, d), Then);
        Directory.CreateDirectory(Upper);
    }

    /// <summary>A directory copied up as overlayfs does it: same mode and time as below.</summary>
    void CopyUp(string relative)
    {
        var path = Path.Combine(Upper, relative);
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, File.GetUnixFileMode(Path.Combine(Lower, relative)));
    }

    void Whiteout(string relative) =>
        Assert.Equal(0, FileOps.TryMknodAt(Flags.AT_FDCWD, Encoding.UTF8.GetBytes(Path.Combine(Upper, relative) + "\0"), Flags.S_IFCHR, 0));

    static string Lines(List<FileChange> changes) =>
        string.Join('\n', changes.Select(c => $"{c.Kind switch { ChangeKind.Added => 'A', ChangeKind.Deleted => 'D', _ => 'C' }} {c.Path}"));

    [RootFact]
    public void Compute_EveryKindOfChange_DockersListInWalkOrder()
    {
        LowerImage();
        CopyUp("bin");
        Whiteout("bin/ls");
        CopyUp("etc");
        File.WriteAllText(Path.Combine(Upper, "etc", "passwd"), "root:x:0:0::/root:/bin/ash\n");
        File.WriteAllText(Path.Combine(Upper, "etc", "hostname"), "");
        Directory.CreateDirectory(Path.Combine(Upper, "newdir"));
        File.WriteAllText(Path.Combine(Upper, "newdir", "x"), "x");
        CopyUp("opaque");
        Assert.Equal(0, Xattrs.TrySetLink(Encoding.UTF8.GetBytes(Path.Combine(Upper, "opaque") + "\0"), "trusted.overlay.opaque\0"u8, "y"u8));
        File.WriteAllText(Path.Combine(Upper, "opaque", "new"), "new");
        Directory.CreateDirectory(Path.Combine(Upper, "proc"));
        CopyUp("tmp");
        File.WriteAllText(Path.Combine(Upper, "tmp", "f"), "f");
        // The times last: creating entries inside moved them. /etc keeps a newer time (changed).
        foreach (var d in new[] { "bin", "tmp" }) Directory.SetLastWriteTimeUtc(Path.Combine(Upper, d), Then);

        var changes = OverlayChanges.Compute(Upper, [Lower], MountPoints);

        Assert.Equal("""
            C /bin
            D /bin/ls
            C /etc
            C /etc/passwd
            A /newdir
            A /newdir/x
            D /opaque
            A /opaque/new
            C /tmp
            A /tmp/f
            """, Lines(changes));
    }

    [RootFact]
    public void Compute_OnlyTheEnginesMountPoints_NoChanges()
    {
        LowerImage();
        CopyUp("etc");
        File.WriteAllText(Path.Combine(Upper, "etc", "hostname"), "");
        File.WriteAllText(Path.Combine(Upper, "etc", "hosts"), "");
        Directory.CreateDirectory(Path.Combine(Upper, "proc"));
        Directory.CreateDirectory(Path.Combine(Upper, "sys"));

        Assert.Empty(OverlayChanges.Compute(Upper, [Lower], MountPoints));
    }

    [RootFact]
    public void Compute_AMountPointTheUserWroteInto_IsAChange()
    {
        LowerImage();
        CopyUp("etc");
        File.WriteAllText(Path.Combine(Upper, "etc", "hostname"), "written while the container was stopped\n");

        Assert.Equal("C /etc\nA /etc/hostname", Lines(OverlayChanges.Compute(Upper, [Lower], MountPoints)));
    }

    [RootFact]
    public void DirectorySize_FilesOnceEach_HardLinksOnce()
    {
        Directory.CreateDirectory(dir.Combine("t", "d"));
        File.WriteAllBytes(dir.Combine("t", "a"), new byte[100]);
        File.WriteAllBytes(dir.Combine("t", "d", "b"), new byte[23]);
        Assert.Equal(0, FileOps.TryLinkAt(Flags.AT_FDCWD, Encoding.UTF8.GetBytes(dir.Combine("t", "a") + "\0"),
            Flags.AT_FDCWD, Encoding.UTF8.GetBytes(dir.Combine("t", "d", "hard") + "\0"), 0));
        File.CreateSymbolicLink(dir.Combine("t", "link"), "a");
        Assert.Equal(100 + 23 + "a".Length, DirectorySize.Of(dir.Combine("t")));
    }
}
