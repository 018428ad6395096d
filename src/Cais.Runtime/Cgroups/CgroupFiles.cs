using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Cais.Linux;

namespace Cais.Runtime.Cgroups;

/// <summary>
/// Reads, writes, mkdir and rmdir on cgroupfs, every failure a CgroupException that names
/// the file (and the value, for writes).
/// </summary>
internal static class CgroupFiles
{
    /// <summary>
    /// Writes <paramref name="value"/> to an existing control file in one write(2): cgroupfs
    /// parses each write on its own, so a value must never be split or buffered. O_TRUNC is
    /// what a shell's "echo &gt;" does; kernfs ignores it, and it keeps plain test files exact.
    /// No O_CREAT: a missing file means the controller or feature is absent (ENOENT).
    /// </summary>
    public static void Write(string path, string value)
    {
        int fd;
        try
        {
            fd = Fds.Open(path, Flags.O_WRONLY | Flags.O_TRUNC);
        }
        catch (SyscallException e)
        {
            throw WriteFailed(path, value, e);
        }
        try
        {
            Fds.WriteAll(fd, Encoding.UTF8.GetBytes(value), path);
        }
        catch (SyscallException e)
        {
            throw WriteFailed(path, value, e);
        }
        finally
        {
            Fds.Close(fd);
        }
    }

    public static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CgroupException($"read {path}: {Describe(e)}", ErrnoOf(e), e);
        }
    }

    /// <summary>The pids listed in a cgroup.procs file; empty when the file (the cgroup) is gone.</summary>
    public static List<int> ReadPids(string procsFile)
    {
        string text;
        try
        {
            text = File.ReadAllText(procsFile);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CgroupException($"read {procsFile}: {Describe(e)}", ErrnoOf(e), e);
        }
        var pids = new List<int>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(line, out int pid)) throw new CgroupException($"read {procsFile}: not a pid: {line}");
            pids.Add(pid);
        }
        return pids;
    }

    /// <summary>
    /// mkdir -p of <paramref name="cgroupPath"/> below <paramref name="mountPoint"/>. Returns every
    /// directory along the path, top down (the mount point itself excluded), so callers can fix
    /// up each level (v1 cpuset, v2 subtree_control).
    /// </summary>
    public static List<string> MakeDirs(string mountPoint, string cgroupPath)
    {
        var dirs = new List<string>();
        string dir = mountPoint.TrimEnd('/');
        foreach (string name in cgroupPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            dir = dir + "/" + name;
            dirs.Add(dir);
            if (Directory.Exists(dir)) continue;
            try
            {
                Directory.CreateDirectory(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CgroupException($"mkdir {dir}: {Describe(e)}", ErrnoOf(e), e);
            }
        }
        return dirs;
    }

    /// <summary>
    /// rmdir of one cgroup directory (a cgroup directory is removed with rmdir even though it
    /// lists control files). The kernel answers EBUSY while processes are still exiting or a
    /// child cgroup exists; that is retried until <paramref name="busyFor"/> has passed.
    /// A directory that is already gone is fine.
    /// </summary>
    public static void RemoveDir(string dir, TimeSpan busyFor)
    {
        var clock = Stopwatch.StartNew();
        int delayMs = 5;
        while (true)
        {
            try
            {
                if (!Directory.Exists(dir)) return;
                Directory.Delete(dir);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException e) when (ErrnoOf(e) == Errno.EBUSY && clock.Elapsed < busyFor)
            {
                Thread.Sleep(delayMs);
                delayMs = Math.Min(delayMs * 2, 100);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CgroupException($"rmdir {dir}: {Describe(e)}", ErrnoOf(e), e);
            }
        }
    }

    static CgroupException WriteFailed(string path, string value, SyscallException e) =>
        new($"write {value} to {path}: {Marshal.GetPInvokeErrorMessage(e.Errno)}", e.Errno, e);

    // On Unix, .NET puts the raw errno in IOException.HResult for errors it has no own type for.
    static int ErrnoOf(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => Errno.ENOENT,
        IOException { HResult: > 0 and < 4096 } => e.HResult,
        _ => 0,
    };

    static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => Marshal.GetPInvokeErrorMessage(Errno.ENOENT),
        _ when ErrnoOf(e) is var errno and > 0 => Marshal.GetPInvokeErrorMessage(errno),
        _ => e.Message,
    };
}
