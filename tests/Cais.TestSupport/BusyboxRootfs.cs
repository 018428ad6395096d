using System.Security.Cryptography;

namespace Cais.TestSupport;

/// <summary>
/// A small root filesystem made from the host's static busybox (Debian's busybox-static):
/// /bin/busybox, a relative symbolic link for every applet (bin/sh, bin/ls, usr/bin/env, ...),
/// /etc/passwd and /etc/group with root and nobody, and the empty directories a container
/// mounts over (/proc, /sys, /dev, /tmp 1777, /root 0700, /var, /run).
/// </summary>
/// <remarks>
/// <see cref="Path"/> is built once per machine and busybox version, under
/// /var/tmp/cais-test/busybox-&lt;first 12 hex digits of sha256(/bin/busybox)&gt;. It is built in a
/// sibling temp directory and renamed into place, so concurrent test processes never see a
/// half-built tree; the loser of a race discards its copy. Treat it as read-only: tests that
/// write to their rootfs take a private copy with <see cref="CopyTo"/>.
/// </remarks>
public static class BusyboxRootfs
{
    public const string HostBusybox = "/bin/busybox";

    public const string Passwd =
        "root:x:0:0:root:/root:/bin/sh\n" +
        "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";

    public const string Group =
        "root:x:0:\n" +
        "nogroup:x:65534:\n";

    static readonly Lazy<string> s_path = new(() => EnsureBuilt(TestPaths.Root));

    /// <summary>The shared template under /var/tmp/cais-test, built on first use.</summary>
    public static string Path => s_path.Value;

    /// <summary>
    /// The template under <paramref name="cacheRoot"/>, building it if no process has yet.
    /// Returns its path: <c>&lt;cacheRoot&gt;/busybox-&lt;hash&gt;</c>.
    /// </summary>
    public static string EnsureBuilt(string cacheRoot)
    {
        if (!File.Exists(HostBusybox))
            throw new InvalidOperationException(
                $"{HostBusybox} is missing: the busybox root filesystem fixture needs it (apt-get install busybox-static)");

        var final = System.IO.Path.Combine(cacheRoot, "busybox-" + HashOfHostBusybox());
        if (Directory.Exists(final))
            return final;

        TestPaths.EnsureSharedDir(cacheRoot);
        var staging = System.IO.Path.Combine(cacheRoot, $".{System.IO.Path.GetFileName(final)}.{Environment.ProcessId}.{TempDir.RandomName()}.tmp");
        try
        {
            Build(staging);
            Directory.Move(staging, final);
        }
        catch (IOException) when (Directory.Exists(final))
        {
            // Another process renamed its copy into place first; use that one.
        }
        finally
        {
            TreeDeleter.TryDelete(staging);
        }
        return final;
    }

    /// <summary>
    /// Copies the template into <paramref name="dir"/> (created if missing) with <c>cp -a</c>,
    /// keeping modes and symbolic links, for a test that writes to its root filesystem.
    /// </summary>
    public static void CopyTo(string dir)
    {
        var template = Path;
        Directory.CreateDirectory(dir);
        ProcessRunner.Run("cp", ["-a", template + "/.", dir]).EnsureSuccess();
    }

    /// <summary>The applets' paths relative to the root, as <c>busybox --list-full</c> prints them.</summary>
    public static IReadOnlyList<string> Applets()
    {
        var listing = ProcessRunner.Run(HostBusybox, ["--list-full"]).EnsureSuccess().Stdout;
        return listing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    static void Build(string root)
    {
        Directory.CreateDirectory(root);
        foreach (var dir in new[] { "bin", "sbin", "usr/bin", "usr/sbin", "etc", "proc", "sys", "dev", "var", "run" })
            MakeDirectory(root, dir, FileModes.Mode755);
        MakeDirectory(root, "tmp", FileModes.Mode1777);
        MakeDirectory(root, "root", FileModes.Mode700);
        FileModes.Set(root, FileModes.Mode755);

        var busybox = System.IO.Path.Combine(root, "bin", "busybox");
        File.Copy(HostBusybox, busybox);
        FileModes.Set(busybox, FileModes.Mode755);

        foreach (var applet in Applets())
        {
            if (applet == "bin/busybox")
                continue;
            var link = System.IO.Path.Combine(root, applet);
            var linkDir = System.IO.Path.GetDirectoryName(applet) ?? "";
            Directory.CreateDirectory(System.IO.Path.Combine(root, linkDir));
            // Relative, so the link resolves both inside the container and from the host.
            File.CreateSymbolicLink(link, System.IO.Path.GetRelativePath(linkDir.Length == 0 ? "." : linkDir, "bin/busybox"));
        }

        WriteFile(root, "etc/passwd", Passwd);
        WriteFile(root, "etc/group", Group);
    }

    static void MakeDirectory(string root, string relative, UnixFileMode mode)
    {
        var path = System.IO.Path.Combine(root, relative);
        Directory.CreateDirectory(path);
        FileModes.Set(path, mode);
    }

    static void WriteFile(string root, string relative, string content)
    {
        var path = System.IO.Path.Combine(root, relative);
        File.WriteAllText(path, content);
        FileModes.Set(path, FileModes.Mode644);
    }

    static string HashOfHostBusybox()
    {
        using var stream = File.OpenRead(HostBusybox);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
    }
}
