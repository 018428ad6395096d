using Cais.Api.Models.Containers;
using Cais.Cli.Daemon;
using Cais.CommandLine;

namespace Cais.Cli.Containers;

/// <summary>`cais update [OPTIONS] CONTAINER...`: new resource limits (and restart policy) for running or stopped containers.</summary>
public static class UpdateVerb
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args) => Run(cli, args, "update");

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command)
    {
        var usage = new VerbUsage(command, "[OPTIONS] CONTAINER [CONTAINER...]", "Update configuration of one or more containers", ArgumentCount.AtLeast(1));
        var f = new FlagSet(command);
        var blkioWeight = f.Custom<ushort>("blkio-weight", null, 0, "uint16", "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)",
            s => ushort.Parse(s, System.Globalization.CultureInfo.InvariantCulture), _ => null);
        var cpuPeriod = f.Long("cpu-period", null, 0, "Limit CPU CFS (Completely Fair Scheduler) period");
        var cpuQuota = f.Long("cpu-quota", null, 0, "Limit CPU CFS (Completely Fair Scheduler) quota");
        var cpuRtPeriod = f.Long("cpu-rt-period", null, 0, "Limit the CPU real-time period in microseconds");
        var cpuRtRuntime = f.Long("cpu-rt-runtime", null, 0, "Limit the CPU real-time runtime in microseconds");
        var cpuShares = f.Long("cpu-shares", 'c', 0, "CPU shares (relative weight)");
        var cpus = f.Custom<long>("cpus", null, 0, "decimal", "Number of CPUs", ResourceValues.NanoCpus, _ => null);
        var cpusetCpus = f.String("cpuset-cpus", null, "", "CPUs in which to allow execution (0-3, 0,1)");
        var cpusetMems = f.String("cpuset-mems", null, "", "MEMs in which to allow execution (0-3, 0,1)");
        var memory = f.Custom<long>("memory", 'm', 0, "bytes", "Memory limit", ResourceValues.RamInBytes, _ => null);
        var memoryReservation = f.Custom<long>("memory-reservation", null, 0, "bytes", "Memory soft limit", ResourceValues.RamInBytes, _ => null);
        var memorySwap = f.Custom<long>("memory-swap", null, 0, "bytes", "Swap limit equal to memory plus swap: -1 to enable unlimited swap", ResourceValues.MemorySwap, _ => null);
        var pidsLimit = f.Long("pids-limit", null, 0, "Tune container pids limit (set -1 for unlimited)");
        var restart = f.String("restart", null, "", "Restart policy to apply when a container exits");
        f.Custom<long>("kernel-memory", null, 0, "bytes", "Kernel memory limit (deprecated)", ResourceValues.RamInBytes, _ => null)
            .Deprecate("and no longer supported by the kernel");
        return VerbRunner.Run(cli, usage, f, args, async names =>
        {
            if (!f.Flags.Any(flag => flag.IsSet))
                throw new CommandException("you must provide one or more flags when using this command");
            RestartPolicy policy;
            try
            {
                policy = ResourceValues.RestartPolicy(restart.Value);
            }
            catch (FormatException e)
            {
                throw new CommandException(e.Message);
            }
            var request = new ContainerUpdateRequest
            {
                BlkioWeight = blkioWeight.Value,
                CpuPeriod = cpuPeriod.Value,
                CpuQuota = cpuQuota.Value,
                CpuRealtimePeriod = cpuRtPeriod.Value,
                CpuRealtimeRuntime = cpuRtRuntime.Value,
                CpuShares = cpuShares.Value,
                NanoCpus = cpus.Value,
                CpusetCpus = cpusetCpus.Value,
                CpusetMems = cpusetMems.Value,
                Memory = memory.Value,
                MemoryReservation = memoryReservation.Value,
                MemorySwap = memorySwap.Value,
                // 0 means "leave it as it is"; -1 (or any negative) means unlimited.
                PidsLimit = pidsLimit.Value != 0 ? pidsLimit.Value : null,
                RestartPolicy = policy,
            };
            var warnings = new List<string>();
            var status = await ForEachContainer.RunAsync(cli, names, async name =>
            {
                var response = await cli.Client.UpdateContainerAsync(name, request);
                warnings.AddRange(response.Warnings ?? []);
            });
            if (warnings.Count > 0)
                cli.Out.WriteLine(string.Join('\n', warnings));
            return status;
        });
    }
}
