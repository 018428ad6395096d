using Cais.Runtime.Spec;

namespace Cais.Runtime.Cgroups;

/// <summary>The v1 memory controller (Documentation/admin-guide/cgroup-v1/memory.rst).</summary>
internal static class V1Memory
{
    internal const string Limit = "memory.limit_in_bytes", SoftLimit = "memory.soft_limit_in_bytes",
        MemSw = "memory.memsw.limit_in_bytes", Swappiness = "memory.swappiness",
        OomControl = "memory.oom_control", KmemTcp = "memory.kmem.tcp.limit_in_bytes";

    public const string SwapUnsupported = "swap limit not supported by the kernel; ignored";
    public const string KernelDeprecated =
        "linux.resources.memory.kernel is deprecated and not supported by the kernel; ignored";
    public const string KernelTcpUnsupported =
        "kernel TCP memory limit not supported by the kernel (no memory.kmem.tcp.limit_in_bytes); ignored";

    /// <summary>Whether <paramref name="m"/> asks this controller for anything.</summary>
    public static bool Requests(MemoryResources m) =>
        m.Limit is not (null or 0) || m.Reservation is not null || m.Swap is not (null or 0)
        || m.Swappiness is not null || m.DisableOomKiller == true || m.Kernel is not null || m.KernelTcp is not null;

    public static void Apply(CgroupDir dir, MemoryResources m, List<string> warnings)
    {
        ApplyLimitAndSwap(dir, m.Limit is 0 ? null : m.Limit, m.Swap is 0 ? null : m.Swap, warnings);
        if (m.Reservation is long reservation) dir.Write(SoftLimit, Num.Of(reservation));
        if (m.Swappiness is ulong swappiness) dir.Write(Swappiness, Num.Of(swappiness));
        // memory.rst 10 "OOM Control": writing 1 disables the OOM killer; tasks then wait
        // in the kernel for memory instead of being killed.
        if (m.DisableOomKiller == true) dir.Write(OomControl, "1");
        if (m.KernelTcp is long tcp)
        {
            if (dir.Has(KmemTcp)) dir.Write(KmemTcp, Num.Of(tcp));
            else warnings.Add(KernelTcpUnsupported);
        }
        // memory.kmem.limit_in_bytes is deprecated since 5.4 and writes to it fail since 5.16
        // (memory.rst 2.7); runc and crun ignore it too.
        if (m.Kernel is not null) warnings.Add(KernelDeprecated);
    }

    /// <summary>
    /// OCI swap is memory+swap, which is v1's memsw. The kernel keeps memsw >= limit at every
    /// moment and refuses (EINVAL) a write that would break it, so the order of the two writes
    /// depends on the current limit: when the new memsw is above it, memsw goes first (it
    /// makes room for the new limit), otherwise the limit goes first (as runc does).
    /// </summary>
    static void ApplyLimitAndSwap(CgroupDir dir, long? limit, long? swap, List<string> warnings)
    {
        bool hasMemSw = dir.Has(MemSw);

        // An unlimited memory with no swap given means both unlimited: otherwise an old finite
        // memsw would make the kernel refuse the unlimited limit (runc does the same).
        if (limit == -1 && swap is null && hasMemSw) swap = -1;

        if (swap is not null && !hasMemSw)
        {
            // No swap accounting (CONFIG_MEMCG_SWAP off, or swapaccount=0): an unlimited swap or
            // one equal to the memory limit (no swap at all) is what the kernel does anyway.
            if (swap != -1 && swap != limit) warnings.Add(SwapUnsupported);
            swap = null;
        }

        if (limit is long l && swap is long s)
        {
            if (s != -1 && (l == -1 || s < l))
                throw new CgroupException(
                    $"memory+swap limit {s} must be at least the memory limit {l} (linux.resources.memory.swap)");
            bool swapFirst = s == -1 || (ulong)s > ParseLimit(dir.Read(Limit));
            if (swapFirst)
            {
                dir.Write(MemSw, Num.Of(s));
                dir.Write(Limit, Num.Of(l));
            }
            else
            {
                dir.Write(Limit, Num.Of(l));
                dir.Write(MemSw, Num.Of(s));
            }
        }
        else if (limit is long onlyLimit)
        {
            dir.Write(Limit, Num.Of(onlyLimit));
        }
        else if (swap is long onlySwap)
        {
            dir.Write(MemSw, Num.Of(onlySwap));
        }
    }

    // "Unlimited" reads as a large page-aligned number (9223372036854771712 on x86_64).
    static ulong ParseLimit(string text) =>
        ulong.TryParse(text, out ulong value) ? value : throw new CgroupException($"unexpected {Limit} value: {text}");
}
