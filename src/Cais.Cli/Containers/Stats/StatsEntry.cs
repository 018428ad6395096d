using Cais.Api.Models.Stats;

namespace Cais.Cli.Containers.Stats;

/// <summary>
/// One container's figures as `docker stats` shows them, computed from a stats sample the way
/// the docker CLI computes them. An invalid entry (no sample yet, or the stream failed) shows "--".
/// </summary>
public sealed record StatsEntry
{
    /// <summary>What the user named, or the short ID of a container found by listing.</summary>
    public string Container { get; init; } = "";

    /// <summary>The name with its slash ("/web"), as the sample carries it.</summary>
    public string Name { get; init; } = "";

    public string Id { get; init; } = "";

    public double CpuPercentage { get; init; }

    /// <summary>Bytes used without the inactive file cache.</summary>
    public double Memory { get; init; }

    public double MemoryLimit { get; init; }

    public double MemoryPercentage { get; init; }

    public double NetworkRx { get; init; }

    public double NetworkTx { get; init; }

    public double BlockRead { get; init; }

    public double BlockWrite { get; init; }

    public ulong PidsCurrent { get; init; }

    public bool IsInvalid { get; init; }

    public static StatsEntry Invalid(string container) => new() { Container = container, IsInvalid = true };

    /// <summary>The figures of one sample (docker's stats_helpers for Linux daemons).</summary>
    public static StatsEntry From(string container, StatsResponse sample)
    {
        var memory = MemoryWithoutCache(sample.MemoryStats);
        var (rx, tx) = Network(sample.Networks);
        var (read, write) = BlockIo(sample.BlkioStats);
        return new StatsEntry
        {
            Container = container,
            Name = sample.Name ?? "",
            Id = sample.Id ?? "",
            CpuPercentage = CpuPercent(sample.PreCpuStats, sample.CpuStats),
            Memory = memory,
            MemoryLimit = sample.MemoryStats.Limit,
            MemoryPercentage = sample.MemoryStats.Limit != 0 ? memory / sample.MemoryStats.Limit * 100.0 : 0,
            NetworkRx = rx,
            NetworkTx = tx,
            BlockRead = read,
            BlockWrite = write,
            PidsCurrent = sample.PidsStats.Current,
        };
    }

    /// <summary>
    /// The container's share of the host's CPU time between the two samples, times the online
    /// CPUs: 100% is one CPU busy. Zero when either delta is not positive (the first sample).
    /// </summary>
    public static double CpuPercent(CpuStats previous, CpuStats current)
    {
        double cpuDelta = (double)current.CpuUsage.TotalUsage - previous.CpuUsage.TotalUsage;
        double systemDelta = (double)current.SystemCpuUsage - previous.SystemCpuUsage;
        double onlineCpus = current.OnlineCpus;
        if (onlineCpus == 0) onlineCpus = current.CpuUsage.PercpuUsage?.Count ?? 0;
        return systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * onlineCpus * 100.0 : 0;
    }

    /// <summary>Usage minus the inactive file cache: total_inactive_file on cgroup v1, inactive_file on v2.</summary>
    public static double MemoryWithoutCache(MemoryStats memory)
    {
        var stats = memory.Stats;
        if (stats is not null && stats.TryGetValue("total_inactive_file", out var v1) && v1 < memory.Usage)
            return memory.Usage - v1;
        if (stats is not null && stats.TryGetValue("inactive_file", out var v2) && v2 < memory.Usage)
            return memory.Usage - v2;
        return memory.Usage;
    }

    static (double Rx, double Tx) Network(Dictionary<string, NetworkStats>? networks)
    {
        double rx = 0, tx = 0;
        foreach (var n in networks?.Values ?? Enumerable.Empty<NetworkStats>())
        {
            rx += n.RxBytes;
            tx += n.TxBytes;
        }
        return (rx, tx);
    }

    /// <summary>Bytes read and written: the io_service_bytes entries whose operation starts with r or w.</summary>
    static (double Read, double Write) BlockIo(BlkioStats blkio)
    {
        ulong read = 0, write = 0;
        foreach (var entry in blkio.IoServiceBytesRecursive ?? [])
        {
            if (entry.Op.Length == 0) continue;
            switch (entry.Op[0])
            {
                case 'r' or 'R':
                    read += entry.Value;
                    break;
                case 'w' or 'W':
                    write += entry.Value;
                    break;
            }
        }
        return (read, write);
    }
}
