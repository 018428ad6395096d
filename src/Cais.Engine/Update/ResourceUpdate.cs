using Cais.Api.Models.Containers;
using Cais.Engine.Errors;
using Cais.Runtime.Spec;

namespace Cais.Engine.Update;

/// <summary>
/// POST /containers/{id}/update as Docker does it, in three steps: the request is checked on its
/// own (HTTP 400), merged into the stored HostConfig with Docker's rules for what may change
/// (HTTP 409), and what it sets is turned into the runtime's resources for the live cgroup.
/// </summary>
public static class ResourceUpdate
{
    const long MinMemory = 6 << 20;

    /// <summary>The host facts the checks need.</summary>
    public sealed record Host(int CpuCount, string OnlineCpus, string OnlineMems)
    {
        public static Host Current => new(Environment.ProcessorCount,
            CpuSetList.Online("/sys/devices/system/cpu/online"), CpuSetList.Online("/sys/devices/system/node/online"));
    }

    /// <summary>Refuses what Docker refuses before looking at the container; returns Docker's warnings.</summary>
    public static List<string> Validate(ContainerUpdateRequest r, Host host)
    {
        var warnings = new List<string>();
        if (r.Memory != 0 && r.Memory < MinMemory) throw Invalid("Minimum memory limit allowed is 6MB");
        if (r.Memory > 0 && r.MemorySwap > 0 && r.MemorySwap < r.Memory)
            throw Invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
        if (r.MemorySwappiness is long swappiness && swappiness is < 0 or > 100)
            throw Invalid($"Invalid value: {swappiness}, valid memory swappiness range is 0-100");
        if (r.MemoryReservation > 0 && r.MemoryReservation < MinMemory) throw Invalid("Minimum memory reservation allowed is 6MB");
        if (r.Memory > 0 && r.MemoryReservation > 0 && r.Memory < r.MemoryReservation)
            throw Invalid("Minimum memory limit can not be less than memory reservation limit, see usage");
        if (r.KernelMemory > 0) warnings.Add("Specifying a kernel memory limit is deprecated and will be removed in a future release.");
        if (r.NanoCpus > 0 && r.CpuPeriod > 0) throw Invalid("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        if (r.NanoCpus > 0 && r.CpuQuota > 0) throw Invalid("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
        if (r.NanoCpus < 0 || r.NanoCpus > host.CpuCount * 1_000_000_000L)
            throw Invalid($"Range of CPUs is from 0.01 to {host.CpuCount}.00, as there are only {host.CpuCount} CPUs available");
        if (r.CpuPeriod != 0 && r.CpuPeriod is < 1000 or > 1_000_000)
            throw Invalid("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        if (r.CpuQuota > 0 && r.CpuQuota < 1000) throw Invalid("CPU cfs quota can not be less than 1ms (i.e. 1000)");
        if (r.CpuShares < 0) throw Invalid($"invalid CPU shares: {r.CpuShares}");
        CheckCpuSet(r.CpusetCpus, host.OnlineCpus, "cpus", "Requested CPUs are not available");
        CheckCpuSet(r.CpusetMems, host.OnlineMems, "mems", "Requested memory nodes are not available");
        if (r.BlkioWeight > 0 && r.BlkioWeight is < 10 or > 1000) throw Invalid("Range of blkio weight is from 10 to 1000");
        CheckRestartPolicy(r.RestartPolicy);
        return warnings;
    }

    static void CheckCpuSet(string requested, string online, string what, string unavailable)
    {
        if (string.IsNullOrEmpty(requested)) return;
        var set = CpuSetList.Parse(requested) ?? throw Invalid($"Invalid value {requested} for cpuset {what}: invalid format: {requested}");
        var available = CpuSetList.Parse(online);
        if (available is { Count: > 0 } && !set.IsSubsetOf(available))
            throw Invalid($"{unavailable} - requested {requested}, available: {online}");
    }

    static void CheckRestartPolicy(RestartPolicy p)
    {
        switch (p.Name)
        {
            case "always" or "unless-stopped" or "no":
                if (p.MaximumRetryCount != 0)
                    throw Invalid("invalid restart policy: maximum retry count can only be used with 'on-failure'"
                                  + (p.MaximumRetryCount < 0 ? " and cannot be negative" : ""));
                break;
            case "on-failure":
                if (p.MaximumRetryCount < 0) throw Invalid("invalid restart policy: maximum retry count cannot be negative");
                break;
            case "":
                break;
            default:
                throw Invalid($"invalid restart policy: unknown policy '{p.Name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
        }
    }

    /// <summary>
    /// Writes what the request sets into <paramref name="stored"/> (a copy the caller keeps only
    /// on success). Docker refuses mixing CPU counts with a CFS period or quota across updates,
    /// and a memory limit above the stored memory+swap unless the swap changes too.
    /// </summary>
    public static void Merge(HostConfig stored, ContainerUpdateRequest r)
    {
        if (r.NanoCpus > 0 && stored.CpuPeriod > 0) throw Conflict("Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set");
        if (r.NanoCpus > 0 && stored.CpuQuota > 0) throw Conflict("Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set");
        if (r.CpuPeriod > 0 && stored.NanoCpus > 0) throw Conflict("Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set");
        if (r.CpuQuota > 0 && stored.NanoCpus > 0) throw Conflict("Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");

        if (r.BlkioWeight != 0) stored.BlkioWeight = r.BlkioWeight;
        if (r.CpuShares != 0) stored.CpuShares = r.CpuShares;
        if (r.NanoCpus != 0) stored.NanoCpus = r.NanoCpus;
        if (r.CpuPeriod != 0) stored.CpuPeriod = r.CpuPeriod;
        if (r.CpuQuota != 0) stored.CpuQuota = r.CpuQuota;
        if (!string.IsNullOrEmpty(r.CpusetCpus)) stored.CpusetCpus = r.CpusetCpus;
        if (!string.IsNullOrEmpty(r.CpusetMems)) stored.CpusetMems = r.CpusetMems;
        if (r.Memory != 0)
        {
            if (r.Memory > stored.MemorySwap && r.MemorySwap == 0)
                throw Conflict("Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time");
            stored.Memory = r.Memory;
        }
        if (r.MemorySwap != 0) stored.MemorySwap = r.MemorySwap;
        if (r.MemoryReservation != 0) stored.MemoryReservation = r.MemoryReservation;
        if (r.KernelMemory != 0) stored.KernelMemory = r.KernelMemory;
        if (r.CpuRealtimePeriod != 0) stored.CpuRealtimePeriod = r.CpuRealtimePeriod;
        if (r.CpuRealtimeRuntime != 0) stored.CpuRealtimeRuntime = r.CpuRealtimeRuntime;
        if (r.PidsLimit is not null) stored.PidsLimit = r.PidsLimit;
        if (r.RestartPolicy.Name.Length > 0)
        {
            if (stored.AutoRemove && r.RestartPolicy.Name != "no")
                throw Conflict("Restart policy cannot be updated because AutoRemove is enabled for the container");
            stored.RestartPolicy = new RestartPolicy { Name = r.RestartPolicy.Name, MaximumRetryCount = r.RestartPolicy.MaximumRetryCount };
        }
    }

    /// <summary>
    /// The limits to write to the live cgroup: only what the request sets (Docker sends the same
    /// to containerd). A CPU count becomes a CFS quota over a 100 ms period.
    /// </summary>
    public static ResourcesSpec ToRuntime(ContainerUpdateRequest r)
    {
        var spec = new ResourcesSpec();
        if (r.BlkioWeight != 0) spec.BlockIO = new BlockIoResources { Weight = r.BlkioWeight };
        var cpu = new CpuResources
        {
            Cpus = string.IsNullOrEmpty(r.CpusetCpus) ? null : r.CpusetCpus,
            Mems = string.IsNullOrEmpty(r.CpusetMems) ? null : r.CpusetMems,
            Shares = r.CpuShares != 0 ? (ulong)r.CpuShares : null,
        };
        if (r.NanoCpus != 0)
        {
            cpu.Period = 100_000;
            cpu.Quota = r.NanoCpus * 100_000 / 1_000_000_000;
        }
        else
        {
            if (r.CpuQuota != 0) cpu.Quota = r.CpuQuota;
            if (r.CpuPeriod != 0) cpu.Period = (ulong)r.CpuPeriod;
        }
        if (cpu.Cpus is not null || cpu.Mems is not null || cpu.Shares is not null || cpu.Quota is not null || cpu.Period is not null)
            spec.Cpu = cpu;
        if (r.Memory != 0 || r.MemoryReservation != 0 || r.MemorySwap != 0)
        {
            spec.Memory = new MemoryResources
            {
                Limit = r.Memory != 0 ? r.Memory : null,
                Reservation = r.MemoryReservation != 0 ? r.MemoryReservation : null,
                Swap = r.MemorySwap != 0 ? r.MemorySwap : null,
            };
        }
        if (r.PidsLimit is long pids) spec.Pids = new PidsResources { Limit = pids };
        return spec;
    }

    static InvalidParameterException Invalid(string message) => new(message);

    static ConflictException Conflict(string message) => new(message);
}
