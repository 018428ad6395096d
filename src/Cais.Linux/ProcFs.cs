namespace Cais.Linux;

/// <summary>Facts about a process read from /proc.</summary>
public static class ProcFs
{
    /// <summary>
    /// The start time of a process (field 22 of /proc/PID/stat, clock ticks since boot), which
    /// together with the pid names a process without the risk of pid reuse. Null if gone.
    /// </summary>
    public static ulong? StartTime(int pid) => ReadStat(pid)?.StartTime;

    /// <summary>The state letter (R, S, D, Z, T, ...) and start time; null if the process is gone.</summary>
    public static (char State, ulong StartTime, int ParentPid)? ReadStat(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        // The command name (field 2) is in parentheses and may itself contain spaces or ')'.
        int close = text.LastIndexOf(')');
        if (close < 0) return null;
        var fields = text[(close + 2)..].Split(' ');
        // fields[0] is field 3 (state); field 4 is ppid; field 22 is starttime.
        return (fields[0][0], ulong.Parse(fields[19]), int.Parse(fields[1]));
    }

    /// <summary>True when the pid is alive (not a zombie) and still the process that started at <paramref name="startTime"/>.</summary>
    public static bool IsAlive(int pid, ulong startTime)
    {
        if (pid <= 0) return false;
        var stat = ReadStat(pid);
        return stat is { } s && s.StartTime == startTime && s.State is not ('Z' or 'X');
    }

    /// <summary>The inode of a process's namespace link (/proc/PID/ns/NAME), to tell namespaces apart.</summary>
    public static string? NamespaceId(int pid, string name)
    {
        // The link's text ("net:[4026531840]"), not a path: ResolveLinkTarget would prefix the directory.
        try { return new FileInfo($"/proc/{pid}/ns/{name}").LinkTarget; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
