using Cais.Runtime.Spec;

namespace Cais.Runtime.Launch;

/// <summary>
/// The device cgroup rules a container gets: config.json's rules, then (when it has any) the
/// devices every container needs, as runc appends them: mknod of any device (the node is
/// useless without read/write rights), the standard devices, ptys, tun, and each of
/// linux.devices. Without this, runc's default spec ("deny everything") would forbid even
/// /dev/null.
/// </summary>
internal static class DeviceRules
{
    static readonly DeviceCgroupRule[] Defaults =
    [
        Allow("c", null, null, "m"), Allow("b", null, null, "m"),
        Allow("c", 1, 3, "rwm"), Allow("c", 1, 5, "rwm"), Allow("c", 1, 7, "rwm"), Allow("c", 1, 8, "rwm"),
        Allow("c", 1, 9, "rwm"), Allow("c", 5, 0, "rwm"), Allow("c", 5, 1, "rwm"), Allow("c", 5, 2, "rwm"),
        Allow("c", 136, null, "rwm"), Allow("c", 10, 200, "rwm"),
    ];

    public static ResourcesSpec? WithRuntimeDefaults(ResourcesSpec? resources, IReadOnlyList<DeviceSpec>? devices)
    {
        if (resources?.Devices is not { Count: > 0 } rules) return resources;
        var all = new List<DeviceCgroupRule>(rules);
        all.AddRange(Defaults);
        foreach (var d in devices ?? [])
            all.Add(Allow(d.Type == "u" ? "c" : d.Type, d.Major, d.Minor, "rwm"));
        return new ResourcesSpec
        {
            Devices = all, Memory = resources.Memory, Cpu = resources.Cpu, Pids = resources.Pids,
            BlockIO = resources.BlockIO, Unified = resources.Unified,
        };
    }

    static DeviceCgroupRule Allow(string type, long? major, long? minor, string access) =>
        new() { Allow = true, Type = type, Major = major, Minor = minor, Access = access };
}
