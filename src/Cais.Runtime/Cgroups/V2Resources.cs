using Cais.Runtime.Spec;

namespace Cais.Runtime.Cgroups;

/// <summary>
/// Applies linux.resources on cgroup v2, all in the leaf directory. The OCI fields are v1's, so
/// several are converted the way runc and crun convert them (cgroup-v2.rst gives the files).
/// </summary>
internal static class V2Resources
{
    public const string DevicesNeedEbpf = "device cgroup rules need eBPF on cgroup v2; not applied";
    public const string SwapUnsupported = V1Memory.SwapUnsupported;

    public static List<string> Apply(CgroupDir dir, ResourcesSpec r)
    {
        var warnings = new List<string>();
        if (r.Devices is { Count: > 0 }) warnings.Add(DevicesNeedEbpf);
        if (r.Memory is { } memory) ApplyMemory(dir, memory, warnings);
        if (r.Cpu is { } cpu) ApplyCpu(dir, cpu, warnings);
        if (r.Pids is { } pids) dir.Write("pids.max", V1Pids.MaxValue(pids.Limit));
        if (r.BlockIO?.Weight is ushort weight and not 0) ApplyIoWeight(dir, weight, warnings);
        // Last, so a raw value overrides what the typed fields wrote (runc's order too).
        if (r.Unified is { Count: > 0 } unified) ApplyUnified(dir, unified);
        return warnings;
    }

    static void ApplyMemory(CgroupDir dir, MemoryResources m, List<string> warnings)
    {
        if (m.Limit is long limit and not 0) dir.Write("memory.max", MaxOr(limit));
        if (m.Reservation is long low and not 0) dir.Write("memory.low", MaxOr(low));
        if (SwapMax(m.Limit, m.Swap) is { } swapMax)
        {
            // No memory.swap.max without swap accounting (CONFIG_MEMCG_SWAP, swapaccount=0).
            if (dir.Has("memory.swap.max")) dir.Write("memory.swap.max", swapMax);
            else if (m.Swap is long swap and not 0 and not -1 && swap != m.Limit) warnings.Add(SwapUnsupported);
        }
        if (m.Swappiness is not null)
            warnings.Add("memory swappiness is not supported on cgroup v2; ignored");
        if (m.DisableOomKiller == true)
            warnings.Add("disabling the OOM killer is not supported on cgroup v2; ignored");
        if (m.Kernel is not null) warnings.Add(V1Memory.KernelDeprecated);
        if (m.KernelTcp is not null) warnings.Add("kernel TCP memory limit is not supported on cgroup v2; ignored");
    }

    /// <summary>
    /// memory.swap.max from OCI's memory+swap: swap alone is memsw minus memory. -1 is "max";
    /// an unlimited memory with no swap given means unlimited swap too, as on v1. Null when
    /// nothing is to be written.
    /// </summary>
    internal static string? SwapMax(long? limit, long? swap)
    {
        if (swap is null or 0) return limit == -1 ? "max" : null;
        if (swap == -1) return "max";
        if (limit is null or 0 or -1)
            throw new CgroupException($"a memory+swap limit ({swap}) needs a memory limit (linux.resources.memory.limit)");
        if (swap < limit)
            throw new CgroupException($"memory+swap limit {swap} must be at least the memory limit {limit}");
        return Num.Of(swap.Value - limit.Value);
    }

    static void ApplyCpu(CgroupDir dir, CpuResources c, List<string> warnings)
    {
        if (c.Shares is ulong shares and not 0) dir.Write("cpu.weight", Num.Of(CpuWeight(shares)));
        if (CpuMax(c.Quota, c.Period) is { } max) dir.Write("cpu.max", max);
        if (c.RealtimeRuntime is not (null or 0) || c.RealtimePeriod is not (null or 0))
            warnings.Add("real-time CPU limits are not supported on cgroup v2; ignored");
        if (!string.IsNullOrEmpty(c.Cpus)) dir.Write("cpuset.cpus", c.Cpus);
        if (!string.IsNullOrEmpty(c.Mems)) dir.Write("cpuset.mems", c.Mems);
    }

    /// <summary>
    /// cpu.weight (1..10000, default 100) from v1 shares (2..262144, default 1024): the linear
    /// map runc and crun use, 1 + ((shares - 2) * 9999) / 262142; 1024 becomes 39.
    /// </summary>
    internal static ulong CpuWeight(ulong shares)
    {
        ulong clamped = Math.Clamp(shares, 2UL, 262144UL);
        return 1 + ((clamped - 2) * 9999) / 262142;
    }

    /// <summary>cpu.max "QUOTA PERIOD"; "max" for no quota; period 100000 when not given.</summary>
    internal static string? CpuMax(long? quota, ulong? period)
    {
        if (quota is null or 0 && period is null or 0) return null;
        string q = quota is long value and > 0 ? Num.Of(value) : "max";
        return $"{q} {Num.Of(period is ulong p and not 0 ? p : 100000UL)}";
    }

    /// <summary>
    /// io.weight (1..10000) from v1 blkio weight (10..1000): 1 + (weight - 10) * 9999 / 990. When
    /// only BFQ's io.bfq.weight exists, it takes the v1 range unchanged.
    /// </summary>
    static void ApplyIoWeight(CgroupDir dir, ushort weight, List<string> warnings)
    {
        if (dir.Has("io.weight")) dir.Write("io.weight", Num.Of(IoWeight(weight)));
        else if (dir.Has("io.bfq.weight")) dir.Write("io.bfq.weight", Num.Of((ulong)weight));
        else warnings.Add("block IO weight not supported by the kernel (no io.weight); ignored");
    }

    internal static ulong IoWeight(ushort weight)
    {
        ulong clamped = Math.Clamp((ulong)weight, 10UL, 1000UL);
        return 1 + (clamped - 10) * 9999 / 990;
    }

    /// <summary>linux.resources.unified: each key is a file name in the leaf, written as given.</summary>
    static void ApplyUnified(CgroupDir dir, Dictionary<string, string> unified)
    {
        foreach ((string key, string value) in unified)
        {
            if (key.Length == 0 || key.Contains('/') || key.Contains("..") || key.Contains('\0'))
                throw new CgroupException($"linux.resources.unified: invalid key \"{key}\" (must be a file name)");
            if (!dir.Has(key))
                throw new CgroupException(
                    $"linux.resources.unified: {key} does not exist in {dir.Path} (unknown file, or its controller is not enabled)");
            dir.Write(key, value);
        }
    }

    static string MaxOr(long value) => value < 0 ? "max" : Num.Of(value);
}
