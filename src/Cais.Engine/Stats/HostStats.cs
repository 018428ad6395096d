using System.Globalization;

namespace Cais.Engine.Stats;

/// <summary>The host figures a stats sample is measured against.</summary>
internal static class HostStats
{
    /// <summary>USER_HZ: the unit of /proc/stat and cpuacct.stat (100 on every Linux architecture cais runs on).</summary>
    public const ulong ClockTicksPerSecond = 100;

    /// <summary>
    /// The host's CPU time in nanoseconds and the number of online CPUs, from /proc/stat: the first
    /// seven fields of the "cpu" line (user, nice, system, idle, iowait, irq, softirq), as Docker
    /// sums them, and one "cpuN" line per online CPU.
    /// </summary>
    public static (ulong SystemUsage, uint OnlineCpus) Cpu(string procStat = "/proc/stat")
    {
        string text;
        try { text = File.ReadAllText(procStat); }
        catch (IOException) { return (0, 0); }
        ulong ticks = 0;
        uint cpus = 0;
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0) continue;
            if (fields[0] == "cpu")
            {
                foreach (var f in fields.Skip(1).Take(7))
                    if (ulong.TryParse(f, NumberStyles.None, CultureInfo.InvariantCulture, out var t)) ticks += t;
            }
            else if (fields[0].StartsWith("cpu", StringComparison.Ordinal) && fields[0].Length > 3 && char.IsAsciiDigit(fields[0][3]))
            {
                cpus++;
            }
        }
        return (ticks * (1_000_000_000 / ClockTicksPerSecond), cpus);
    }

    /// <summary>MemTotal of /proc/meminfo in bytes: what "no memory limit" shows as the limit.</summary>
    public static ulong MemoryTotal(string procMeminfo = "/proc/meminfo")
    {
        try
        {
            foreach (var line in File.ReadLines(procMeminfo))
            {
                if (!line.StartsWith("MemTotal:", StringComparison.Ordinal)) continue;
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kib)) return kib * 1024;
            }
        }
        catch (IOException) { }
        return 0;
    }
}
