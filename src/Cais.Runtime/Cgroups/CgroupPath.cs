namespace Cais.Runtime.Cgroups;

/// <summary>Turns config.json's linux.cgroupsPath into the normalised form "/a/b".</summary>
internal static class CgroupPath
{
    /// <summary>
    /// "/a/b" and "a/b" both mean /a/b below each hierarchy's root (never below the caller's
    /// own cgroup: a runtime started from a shell in some cgroup must not nest containers
    /// under it). Null or empty means "/cais/&lt;containerId&gt;".
    /// </summary>
    public static string Normalize(string? cgroupsPath, string containerId)
    {
        string path = string.IsNullOrWhiteSpace(cgroupsPath) ? "/cais/" + containerId : cgroupsPath;

        // runc's systemd driver takes "slice:prefix:name"; cais drives cgroupfs directly.
        if (!path.Contains('/') && path.Split(':').Length == 3)
            throw new CgroupException($"systemd cgroup paths are not supported: {path}");

        var names = new List<string>();
        foreach (string name in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (name == ".") continue;
            if (name == "..")
                throw new CgroupException($"cgroups path may not contain \"..\": {path}");
            if (name.Contains('\0'))
                throw new CgroupException($"cgroups path contains a NUL character: {path.Replace("\0", "\\0")}");
            names.Add(name);
        }
        if (names.Count == 0)
            throw new CgroupException($"cgroups path names the root cgroup, which a container may not own: {path}");
        return "/" + string.Join('/', names);
    }
}
