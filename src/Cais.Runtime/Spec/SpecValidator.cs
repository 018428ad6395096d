namespace Cais.Runtime.Spec;

/// <summary>
/// Checks of config.json that need no kernel: what is required, what contradicts itself,
/// and what cais does not implement (refused with a clear error rather than ignored).
/// Runs before anything is created, so a bad config leaves nothing behind.
/// </summary>
public static class SpecValidator
{
    public static void ValidateForCreate(RuntimeSpec spec, string bundle)
    {
        if (spec.Root?.Path is not { Length: > 0 } rootPath) throw new InvalidSpecException("root.path is required");
        var rootfs = RootfsOf(spec, bundle);
        if (!Directory.Exists(rootfs)) throw new InvalidSpecException($"root.path {rootfs} is not a directory");
        if (spec.Process is null) throw new InvalidSpecException("process is required to create a container");
        var linux = spec.Linux ?? throw new InvalidSpecException("linux is required on Linux");
        var ns = Launch.NamespacePlan.From(spec);
        if (!ns.Creates(Launch.NamespaceKind.Mount))
            throw new InvalidSpecException("linux.namespaces must create a mount namespace (cais sets up the root inside it)");
        bool newUts = ns.Creates(Launch.NamespaceKind.Uts);
        if (!string.IsNullOrEmpty(spec.Hostname) && !newUts)
            throw new InvalidSpecException("hostname needs a new uts namespace");
        if (!string.IsNullOrEmpty(spec.Domainname) && !newUts)
            throw new InvalidSpecException("domainname needs a new uts namespace");
        bool userNs = ns.Creates(Launch.NamespaceKind.User);
        if (userNs && (linux.UidMappings is not { Count: > 0 } || linux.GidMappings is not { Count: > 0 }))
            throw new InvalidSpecException("a new user namespace needs linux.uidMappings and linux.gidMappings");
        if (!ns.Has(Launch.NamespaceKind.User) && (linux.UidMappings is { Count: > 0 } || linux.GidMappings is { Count: > 0 }))
            throw new InvalidSpecException("linux.uidMappings and gidMappings need a user namespace");
        if (linux.Seccomp is { ValueKind: not System.Text.Json.JsonValueKind.Null })
            throw new InvalidSpecException("linux.seccomp is not supported by cais yet; remove it to run without a seccomp filter");
        if (linux.Personality is { ValueKind: not System.Text.Json.JsonValueKind.Null })
            throw new InvalidSpecException("linux.personality is not supported");
        if (linux.IntelRdt is { ValueKind: not System.Text.Json.JsonValueKind.Null })
            throw new InvalidSpecException("linux.intelRdt is not supported");
        if (linux.TimeOffsets is { ValueKind: not System.Text.Json.JsonValueKind.Null })
            throw new InvalidSpecException("linux.timeOffsets needs a time namespace, which is not supported");
        ValidateProcessExtras(spec.Process);
        foreach (var (key, _) in linux.Sysctl ?? []) ValidateSysctl(key, ns);
        foreach (var m in spec.Mounts ?? [])
            if (m.Destination.Length == 0) throw new InvalidSpecException("mounts: a mount has no destination");
        foreach (var h in AllHooks(spec.Hooks))
            if (!Path.IsPathRooted(h.Path)) throw new InvalidSpecException($"hooks: path \"{h.Path}\" must be absolute");
    }

    public static void ValidateProcessExtras(ProcessSpec process)
    {
        if (!string.IsNullOrEmpty(process.ApparmorProfile) && Directory.Exists("/sys/kernel/security/apparmor"))
            throw new InvalidSpecException("process.apparmorProfile: AppArmor profiles are not supported by cais");
        if (!string.IsNullOrEmpty(process.SelinuxLabel) && File.Exists("/sys/fs/selinux/enforce"))
            throw new InvalidSpecException("process.selinuxLabel: SELinux labels are not supported by cais");
    }

    public static string RootfsOf(RuntimeSpec spec, string bundle)
    {
        var path = spec.Root?.Path ?? "";
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(bundle, path));
    }

    /// <summary>
    /// Only sysctls that belong to a namespace the container owns may be set (the list runc
    /// and the kernel documentation give); anything else would change the host.
    /// </summary>
    static void ValidateSysctl(string key, Launch.NamespacePlan ns)
    {
        bool ipcKey = key is "kernel.msgmax" or "kernel.msgmnb" or "kernel.msgmni" or "kernel.sem" or "kernel.shmall"
            or "kernel.shmmax" or "kernel.shmmni" or "kernel.shm_rmid_forced" || key.StartsWith("fs.mqueue.", StringComparison.Ordinal);
        if (ipcKey)
        {
            if (!ns.Creates(Launch.NamespaceKind.Ipc) && ns.JoinPath(Launch.NamespaceKind.Ipc) is null)
                throw new InvalidSpecException($"linux.sysctl: {key} needs an ipc namespace");
            return;
        }
        if (key.StartsWith("net.", StringComparison.Ordinal))
        {
            if (!ns.Creates(Launch.NamespaceKind.Network) && ns.JoinPath(Launch.NamespaceKind.Network) is null)
                throw new InvalidSpecException($"linux.sysctl: {key} needs a network namespace (it would change the host's)");
            return;
        }
        if (key is "kernel.hostname" or "kernel.domainname")
        {
            if (!ns.Creates(Launch.NamespaceKind.Uts)) throw new InvalidSpecException($"linux.sysctl: {key} needs a uts namespace");
            return;
        }
        throw new InvalidSpecException($"linux.sysctl: {key} is not in a namespace the container owns; setting it would change the host");
    }

    public static IEnumerable<HookSpec> AllHooks(HooksSpec? hooks) =>
        hooks is null ? [] :
            (hooks.Prestart ?? []).Concat(hooks.CreateRuntime ?? []).Concat(hooks.CreateContainer ?? [])
            .Concat(hooks.StartContainer ?? []).Concat(hooks.Poststart ?? []).Concat(hooks.Poststop ?? []);
}
