namespace Cais.Engine.Monitor;

/// <summary>Whether the kernel's OOM killer struck inside a container's memory cgroup.</summary>
internal static class OomKills
{
    /// <summary>
    /// Reads the cgroup's oom_kill count: memory.oom_control on v1, memory.events on v2 (both
    /// have an "oom_kill N" line since Linux 4.13). Must run before the cgroup is removed.
    /// </summary>
    public static bool Happened(string? cgroupPath)
    {
        if (string.IsNullOrEmpty(cgroupPath)) return false;
        var relative = cgroupPath.TrimStart('/');
        foreach (var file in new[]
                 {
                     Path.Combine("/sys/fs/cgroup/memory", relative, "memory.oom_control"),
                     Path.Combine("/sys/fs/cgroup", relative, "memory.events"),
                 })
        {
            string text;
            try { text = File.ReadAllText(file); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var line in text.Split('\n'))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && parts[0] == "oom_kill" && long.TryParse(parts[1], out var n)) return n > 0;
            }
        }
        return false;
    }
}
