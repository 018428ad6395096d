using Cais.Runtime.Spec;

namespace Cais.Runtime.Cgroups;

/// <summary>The v1 devices controller (Documentation/admin-guide/cgroup-v1/devices.rst).</summary>
internal static class V1Devices
{
    internal const string Allow = "devices.allow", Deny = "devices.deny";

    /// <summary>Writes the rules in order: each rule changes the list the previous ones left.</summary>
    public static void Apply(CgroupDir dir, IReadOnlyList<DeviceCgroupRule> rules)
    {
        foreach (DeviceCgroupRule rule in rules) dir.Write(rule.Allow ? Allow : Deny, Format(rule));
    }

    /// <summary>
    /// "TYPE MAJOR:MINOR ACCESS", e.g. "c 1:3 rwm", with "*" for any major or minor. A deny of
    /// every device is the bare "a": for type a the kernel ignores the rest of the line and
    /// resets the whole list (security/device_cgroup.c, devcgroup_update_access).
    /// </summary>
    public static string Format(DeviceCgroupRule rule)
    {
        string type = rule.Type ?? "a";
        if (type is not ("a" or "b" or "c"))
            throw new CgroupException($"invalid device cgroup rule type \"{type}\" (must be a, b or c)");
        if (type == "a" && !rule.Allow) return "a";
        string access = string.IsNullOrEmpty(rule.Access) ? "rwm" : rule.Access;
        if (access.Any(ch => ch is not ('r' or 'w' or 'm')) || access.Distinct().Count() != access.Length)
            throw new CgroupException($"invalid device cgroup rule access \"{access}\" (letters r, w, m)");
        return $"{type} {Number(rule.Major)}:{Number(rule.Minor)} {access}";
    }

    static string Number(long? n) => n is null or -1 ? "*" : n < 0
        ? throw new CgroupException($"invalid device number {n} in a device cgroup rule")
        : Num.Of(n.Value);
}
