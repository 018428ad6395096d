namespace Cais.Runtime.Cgroups;

/// <summary>Opens a container's cgroup with the driver the host's layout calls for.</summary>
public static class Cgroup
{
    /// <summary>
    /// cgroupsPath from config.json ("/a/b" or "a/b"; both are taken relative to each hierarchy
    /// root); null/empty → "/cais/&lt;containerId&gt;". A systemd-style "slice:prefix:name" path
    /// and ".." components are refused with a CgroupException. Nothing is created yet.
    /// </summary>
    public static ICgroup Open(CgroupLayout layout, string? cgroupsPath, string containerId)
    {
        string path = CgroupPath.Normalize(cgroupsPath, containerId);
        return layout.Mode switch
        {
            CgroupMode.V2 => new CgroupV2(layout, path),
            _ => new CgroupV1(layout, path),
        };
    }
}
