namespace Cais.Linux;

/// <summary>Capability names (capability.h order) and bitmask helpers.</summary>
public static class Capabilities
{
    static readonly string[] Names =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
        "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
        "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
        "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
        "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
        "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
        "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>Every capability name cais knows, in number order.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>The number of "CAP_NET_ADMIN" (also accepts "NET_ADMIN", any case); -1 if unknown.</summary>
    public static int Number(string name)
    {
        var n = name.Trim().ToUpperInvariant();
        if (!n.StartsWith("CAP_", StringComparison.Ordinal)) n = "CAP_" + n;
        return Array.IndexOf(Names, n);
    }

    public static string Name(int number) =>
        number >= 0 && number < Names.Length ? Names[number] : $"CAP_{number}";

    const int PR_CAPBSET_READ = 23;

    /// <summary>
    /// The highest capability the running kernel knows: PR_CAPBSET_READ answers EINVAL past it
    /// (cheaper than reading /proc/sys/kernel/cap_last_cap on a container's start path).
    /// </summary>
    public static int LastCap() => ReadBoundingSet().LastCap;

    /// <summary>The capability bounding set of this process (PR_CAPBSET_READ for each capability).</summary>
    public static ulong CurrentBoundingSet() => ReadBoundingSet().Set;

    static (ulong Set, int LastCap) ReadBoundingSet()
    {
        ulong set = 0;
        for (int cap = 0; cap < 64; cap++)
        {
            int r = Interop.Libc.prctl(PR_CAPBSET_READ, (nuint)cap, 0, 0, 0);
            if (r < 0) return (set, cap - 1); // EINVAL: the kernel knows no such capability
            if (r == 1) set |= 1UL << cap;
        }
        return (set, 63);
    }

    /// <summary>Reads one capability mask line (CapInh, CapPrm, CapEff, CapBnd, CapAmb) of a process.</summary>
    public static ulong ReadStatusMask(string field, string statusPath = "/proc/self/status")
    {
        foreach (var line in File.ReadLines(statusPath))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return Convert.ToUInt64(line[(field.Length + 1)..].Trim(), 16);
        throw new InvalidOperationException($"{statusPath} has no {field} line");
    }
}
