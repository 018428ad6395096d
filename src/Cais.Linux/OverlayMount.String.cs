using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text;
using Cais.Linux.Interop;

namespace Cais.Linux;

// The one-string path kernels before 6.8 need: mount(2) with "lowerdir=a:b:c", one page at most.
public static unsafe partial class OverlayMount
{
    const int PageSize = 4096;
    const int CLONE_FS = 0x200;
    const string ProcSelfFd = "/proc/self/fd";

    [LibraryImport("libc", SetLastError = true)]
    private static partial int unshare(int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int chdir(string path);

    // The paths as given when they fit in a page, else descriptor numbers.
    static OverlayMountMethod MountWithString(
        IReadOnlyList<string> lowerDirs, string? upperDir, string? workDir, IReadOnlyList<string> options, string target)
    {
        var data = Data(options, lowerDirs.Select(Escape), upperDir, workDir);
        if (Encoding.UTF8.GetByteCount(data) < PageSize)
        {
            Check.Retry(() => Libc.mount("overlay", target, "overlay", 0, data), "mount", $"overlay on {target}");
            return OverlayMountMethod.LowerDirString;
        }
        MountCompact(lowerDirs, upperDir, workDir, options, target);
        return OverlayMountMethod.CompactLowerDirString;
    }

    static void MountCompact(
        IReadOnlyList<string> lowerDirs, string? upperDir, string? workDir, IReadOnlyList<string> options, string target)
    {
        var fds = new List<int>(lowerDirs.Count);
        try
        {
            foreach (var dir in lowerDirs)
                fds.Add(Check.Io(Libc.open(dir, Flags.O_PATH | Flags.O_CLOEXEC | LinuxAbi.Current.ODirectory, 0), "open", dir));
            var data = Data(options, fds.Select(fd => fd.ToString(System.Globalization.CultureInfo.InvariantCulture)), upperDir, workDir);
            if (Encoding.UTF8.GetByteCount(data) >= PageSize)
                throw new ArgumentException($"overlay mount data for {target} does not fit in one page even with descriptor numbers ({data.Length} bytes)");

            // Relative lower paths resolve against the calling thread's cwd. A thread that
            // unshares CLONE_FS owns its cwd (Go's runtime.LockOSThread idiom); it exits after
            // the mount, taking that cwd with it.
            Exception? failure = null;
            var thread = new Thread(() =>
            {
                try
                {
                    Check.Io(unshare(CLONE_FS), "unshare", "CLONE_FS");
                    Check.Io(chdir(ProcSelfFd), "chdir", ProcSelfFd);
                    Check.Retry(() => Libc.mount("overlay", target, "overlay", 0, data), "mount", $"overlay on {target}");
                }
                catch (Exception e)
                {
                    failure = e;
                }
            }, maxStackSize: 256 * 1024);
            thread.Start();
            thread.Join();
            if (failure is not null) ExceptionDispatchInfo.Throw(failure);
        }
        finally
        {
            foreach (var fd in fds) Libc.close(fd);
        }
    }

    static string Data(IReadOnlyList<string> options, IEnumerable<string> lowers, string? upperDir, string? workDir)
    {
        var sb = new StringBuilder();
        foreach (var o in options) sb.Append(o).Append(',');
        sb.Append("lowerdir=").AppendJoin(':', lowers);
        if (upperDir is not null) sb.Append(",upperdir=").Append(Escape(upperDir));
        if (workDir is not null) sb.Append(",workdir=").Append(Escape(workDir));
        return sb.ToString();
    }

    // overlayfs splits options on ',' and lowerdir on ':'; a backslash escapes either
    // (Documentation/filesystems/overlayfs.rst, "Multiple lower layers").
    static string Escape(string path) =>
        path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal);
}
