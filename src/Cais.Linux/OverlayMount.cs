using System.Runtime.InteropServices;
using System.Text;
using Cais.Linux.Interop;

namespace Cais.Linux;

/// <summary>How <see cref="OverlayMount.Mount"/> hands the lower directories to the kernel.</summary>
public enum OverlayLowerDirSyntax
{
    /// <summary>
    /// "lowerdir+" when the kernel takes it (<see cref="OverlayMount.SupportsLowerDirAppend"/>)
    /// and every path fits an fsconfig value (255 bytes), else the single "lowerdir=" string.
    /// </summary>
    Auto,
    /// <summary>One fsconfig "lowerdir+" per directory (Linux 6.8+); fails on older kernels.</summary>
    Append,
    /// <summary>The single "lowerdir=a:b:c" string through mount(2), as kernels before 6.8 need.</summary>
    Single,
}

/// <summary>What <see cref="OverlayMount.Mount"/> did, for logs and tests.</summary>
public enum OverlayMountMethod
{
    /// <summary>fsopen/fsconfig("lowerdir+" per directory)/fsmount/move_mount.</summary>
    AppendedLowerDirs,
    /// <summary>mount(2) with "lowerdir=" and the paths as given.</summary>
    LowerDirString,
    /// <summary>
    /// mount(2) with "lowerdir=" naming O_PATH descriptors relative to /proc/self/fd, because
    /// the paths as given did not fit in one page. /proc/self/mountinfo then shows fd numbers.
    /// </summary>
    CompactLowerDirString,
}

/// <summary>
/// Mounts and unmounts overlayfs. No policy: the caller says which directories and options.
/// </summary>
/// <remarks>
/// Limits the kernel sets (fs/fsopen.c, fs/namespace.c, fs/overlayfs/params.c):
/// <list type="bullet">
/// <item>fsconfig copies a string value with strndup_user(value, 256): one "lowerdir=" value
/// longer than 255 bytes is EINVAL. "lowerdir+" (Linux 6.8) takes one directory per call and so
/// has no overall limit.</item>
/// <item>mount(2) copies one page of data: a "lowerdir=" string of absolute paths for a deep
/// image does not fit, even with overlay2's 26-character short links (200 layers of
/// "/ROOT/l/XXXXXXXXXXXXXXXXXXXXXXXXXX" are about 10 KB; Docker caps images at 128 layers for
/// this reason). The fallback then opens each directory with O_PATH and names it by its fd
/// number relative to /proc/self/fd, on a thread with its own working directory
/// (unshare(CLONE_FS)), so the process's cwd never changes: about 4 bytes per layer.</item>
/// <item>An overlay has at most 500 lower layers (OVL_MAX_STACK).</item>
/// </list>
/// What the kernel wrote to the fs context's log (an unknown parameter, say) is appended to
/// the exception's target; overlayfs's own reasons for refusing a layout go to dmesg.
/// </remarks>
public static unsafe partial class OverlayMount
{
    /// <summary>OVL_MAX_STACK: the most lower directories one overlay takes.</summary>
    public const int MaxLowerDirs = 500;

    const int UMOUNT_NOFOLLOW = 8;

    /// <summary>
    /// Mounts an overlay of <paramref name="lowerDirs"/> (top first) with an optional upper and
    /// work directory (both or neither) and extra <paramref name="options"/> ("index=off",
    /// "ro", ...) on <paramref name="target"/>.
    /// </summary>
    public static OverlayMountMethod Mount(
        IReadOnlyList<string> lowerDirs, string? upperDir, string? workDir, IReadOnlyList<string> options,
        string target, OverlayLowerDirSyntax syntax = OverlayLowerDirSyntax.Auto)
    {
        if (lowerDirs.Count == 0) throw new ArgumentException("an overlay needs at least one lower directory", nameof(lowerDirs));
        if (lowerDirs.Count > MaxLowerDirs) throw new ArgumentException($"{lowerDirs.Count} lower directories: an overlay takes at most {MaxLowerDirs}", nameof(lowerDirs));
        if ((upperDir is null) != (workDir is null)) throw new ArgumentException("upperdir and workdir go together");
        foreach (var o in options)
        {
            if (o.Length == 0 || o.Contains(',') || o.StartsWith("lowerdir", StringComparison.Ordinal)
                || o.StartsWith("upperdir=", StringComparison.Ordinal) || o.StartsWith("workdir=", StringComparison.Ordinal))
                throw new ArgumentException($"option \"{o}\": the directories are parameters of their own and options hold no commas", nameof(options));
        }

        bool append = syntax switch
        {
            OverlayLowerDirSyntax.Append => true,
            OverlayLowerDirSyntax.Single => false,
            // fsconfig copies at most 255 bytes of a value; mount(2) takes longer paths.
            _ => SupportsLowerDirAppend && lowerDirs.Append(upperDir).Append(workDir).All(FitsFsconfig),
        };
        if (append)
        {
            MountAppended(lowerDirs, upperDir, workDir, options, target);
            return OverlayMountMethod.AppendedLowerDirs;
        }
        return MountWithString(lowerDirs, upperDir, workDir, options, target);
    }

    /// <summary>
    /// Whether this kernel's overlayfs takes "lowerdir+" (Linux 6.8+). Probed once per process on
    /// a throwaway fs context: before 6.5 overlayfs used the legacy context, which accepts any
    /// key and fails only when the mount is created, so an unknown key is tried as well.
    /// </summary>
    public static bool SupportsLowerDirAppend => s_lowerDirAppend.Value;

    static readonly Lazy<bool> s_lowerDirAppend = new(ProbeLowerDirAppend);

    static bool ProbeLowerDirAppend()
    {
        int fs = (int)Check.Io(FsOpen("overlay"), "fsopen", "overlay");
        try
        {
            if (Configure(fs, "lowerdir+", "/") != 0) return false;   // 6.5 to 6.7: unknown parameter
            return Configure(fs, "cais-probe-unknown-parameter", null) == Errno.EINVAL;   // legacy: accepted
        }
        finally
        {
            Libc.close(fs);
        }
    }

    static bool FitsFsconfig(string? path) => path is null || Encoding.UTF8.GetByteCount(path) <= 255;

    /// <summary>
    /// umount2(2) without following a symbolic link at <paramref name="target"/>; with
    /// <paramref name="detach"/>, MNT_DETACH (the mount goes away once no longer busy).
    /// </summary>
    public static void Unmount(string target, bool detach = false) =>
        Check.Io(Libc.umount2(target, UMOUNT_NOFOLLOW | (detach ? Flags.MNT_DETACH : 0)), "umount2", target);

    // The new mount API: fsopen, one fsconfig per parameter, create, fsmount, move_mount.
    static void MountAppended(
        IReadOnlyList<string> lowerDirs, string? upperDir, string? workDir, IReadOnlyList<string> options, string target)
    {
        var abi = LinuxAbi.Current;
        int fs = (int)Check.Io(FsOpen("overlay"), "fsopen", "overlay");
        try
        {
            foreach (var lower in lowerDirs) ConfigureOrThrow(fs, "lowerdir+", lower);
            if (upperDir is not null) ConfigureOrThrow(fs, "upperdir", upperDir);
            if (workDir is not null) ConfigureOrThrow(fs, "workdir", workDir);
            foreach (var o in options)
            {
                int eq = o.IndexOf('=');
                if (eq < 0) ConfigureOrThrow(fs, o, null);
                else ConfigureOrThrow(fs, o[..eq], o[(eq + 1)..]);
            }
            // overlayfs gives its reasons for a failed create to the system log (dmesg), not to
            // the fs context's log; what the context has is kept anyway.
            if (Libc.syscall(abi.FsConfig, fs, Flags.FSCONFIG_CMD_CREATE, 0, 0, 0, 0) < 0)
                throw Failure(fs, "fsconfig", $"create overlay for {target}", Marshal.GetLastPInvokeError());
            int mnt = (int)Libc.syscall(abi.FsMount, fs, Flags.FSMOUNT_CLOEXEC, 0, 0, 0, 0);
            if (mnt < 0) throw Failure(fs, "fsmount", target, Marshal.GetLastPInvokeError());
            try
            {
                Check.Io(Call(abi.MoveMount, mnt, "", Flags.AT_FDCWD, target, Flags.MOVE_MOUNT_F_EMPTY_PATH), "move_mount", target);
            }
            finally
            {
                Libc.close(mnt);
            }
        }
        finally
        {
            Libc.close(fs);
        }
    }

    static void ConfigureOrThrow(int fs, string key, string? value)
    {
        if (Configure(fs, key, value) is int errno and not 0)
            throw Failure(fs, "fsconfig", value is null ? key : $"{key}={value}", errno);
    }

    // fsconfig SET_STRING, or SET_FLAG for a key without a value; returns 0 or errno.
    static int Configure(int fs, string key, string? value)
    {
        var k = Utf8(key);
        var v = value is null ? null : Utf8(value);
        fixed (byte* pk = k, pv = v)
        {
            long r = value is null
                ? Libc.syscall(LinuxAbi.Current.FsConfig, fs, Flags.FSCONFIG_SET_FLAG, (long)pk, 0, 0, 0)
                : Libc.syscall(LinuxAbi.Current.FsConfig, fs, Flags.FSCONFIG_SET_STRING, (long)pk, (long)pv, 0, 0);
            return r < 0 ? Marshal.GetLastPInvokeError() : 0;
        }
    }

    static SyscallException Failure(int fs, string syscall, string target, int errno)
    {
        var log = DrainLog(fs);
        return new(syscall, log.Count == 0 ? target : $"{target} [{string.Join("; ", log)}]", errno);
    }

    // The fs context's message log: one message per read ("e overlay: ..."), ENODATA when empty.
    static List<string> DrainLog(int fs)
    {
        var messages = new List<string>();
        var buffer = new byte[1024];
        fixed (byte* p = buffer)
        {
            for (int i = 0; i < 8; i++)
            {
                long n = Libc.read(fs, p, buffer.Length);
                if (n <= 0) break;
                messages.Add(Encoding.UTF8.GetString(buffer, 0, (int)n).TrimEnd('\n'));
            }
        }
        return messages;
    }

    static long FsOpen(string fsType)
    {
        var name = Utf8(fsType);
        fixed (byte* p = name) return Libc.syscall(LinuxAbi.Current.FsOpen, (long)p, Flags.FSOPEN_CLOEXEC, 0, 0, 0, 0);
    }

    static long Call(long number, long a, string b, long c, string d, long e)
    {
        var pb = Utf8(b);
        var pd = Utf8(d);
        fixed (byte* x = pb, y = pd) return Libc.syscall(number, a, (long)x, c, (long)y, e, 0);
    }

    static byte[] Utf8(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }
}
