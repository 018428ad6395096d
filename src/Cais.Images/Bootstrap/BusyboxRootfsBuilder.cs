using System.Diagnostics;

namespace Cais.Images.Bootstrap;

/// <summary>
/// A busybox root filesystem from the machine's Debian busybox-static: /bin/busybox, a link for
/// every applet (relative, so they also work from the host), /etc/passwd and /etc/group with
/// root and nobody, and the empty directories a container mounts over. Every file gets the
/// same timestamp (the busybox binary's), so building twice gives the same layer.
/// </summary>
public static class BusyboxRootfsBuilder
{
    public const string DefaultBusybox = "/bin/busybox";

    public const string Passwd =
        "root:x:0:0:root:/root:/bin/sh\n" +
        "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";

    public const string Group =
        "root:x:0:\n" +
        "nogroup:x:65534:\n";

    public static void Build(string root, string busybox = DefaultBusybox)
    {
        if (!File.Exists(busybox))
            throw new FileNotFoundException($"{busybox} is missing: install Debian's busybox-static (apt-get install busybox-static)", busybox);
        var applets = Applets(busybox);
        Directory.CreateDirectory(root);
        foreach (var dir in new[] { "bin", "sbin", "usr", "usr/bin", "usr/sbin", "etc", "proc", "sys", "dev", "var", "run" })
            MakeDirectory(root, dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        MakeDirectory(root, "tmp", (UnixFileMode)0x3FF /*1777*/);
        MakeDirectory(root, "root", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var target = Path.Combine(root, "bin", "busybox");
        File.Copy(busybox, target, overwrite: true);
        File.SetUnixFileMode(target, (UnixFileMode)0x1ED /*0755*/);
        foreach (var applet in applets)
        {
            if (applet == "bin/busybox") continue;
            var link = Path.Combine(root, applet);
            if (File.Exists(link) || Directory.Exists(link)) continue;
            var linkDir = Path.GetDirectoryName(applet) ?? "";
            Directory.CreateDirectory(Path.Combine(root, linkDir));
            File.CreateSymbolicLink(link, Path.GetRelativePath(linkDir.Length == 0 ? "." : linkDir, "bin/busybox"));
        }
        File.WriteAllText(Path.Combine(root, "etc", "passwd"), Passwd);
        File.WriteAllText(Path.Combine(root, "etc", "group"), Group);
    }

    /// <summary>The applets' paths relative to the root, as `busybox --list-full` prints them.</summary>
    public static List<string> Applets(string busybox = DefaultBusybox)
    {
        var psi = new ProcessStartInfo(busybox, "--list-full") { RedirectStandardOutput = true };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot run {busybox}");
        var list = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        p.WaitForExit();
        if (p.ExitCode != 0 || list.Count == 0) throw new InvalidOperationException($"{busybox} --list-full failed");
        return list;
    }

    static void MakeDirectory(string root, string relative, UnixFileMode mode)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, mode);
    }
}
