using System.Globalization;
using Cais.Api.Models.Stats;

namespace Cais.Engine.Stats;

/// <summary>
/// Interface counters of a network namespace, from /proc/PID/net/dev of a process in it. The
/// loopback is left out: Docker reports the container's endpoints only (eth0, ...), so a
/// container with no network but lo has no "networks" at all.
/// </summary>
internal static class NetDev
{
    public static Dictionary<string, NetworkStats>? Read(string netDevFile)
    {
        string text;
        try { text = File.ReadAllText(netDevFile); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        return Parse(text);
    }

    /// <summary>
    /// Two header lines, then "  name: rx_bytes rx_packets rx_errs rx_drop fifo frame compressed
    /// multicast tx_bytes tx_packets tx_errs tx_drop fifo colls carrier compressed".
    /// </summary>
    public static Dictionary<string, NetworkStats>? Parse(string text)
    {
        var networks = new Dictionary<string, NetworkStats>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            int colon = line.IndexOf(':');
            if (colon < 0) continue;
            var name = line[..colon].Trim();
            if (name.Length == 0 || name == "lo" || name.Contains('|')) continue;
            var f = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 16) continue;
            networks[name] = new NetworkStats
            {
                RxBytes = N(f[0]), RxPackets = N(f[1]), RxErrors = N(f[2]), RxDropped = N(f[3]),
                TxBytes = N(f[8]), TxPackets = N(f[9]), TxErrors = N(f[10]), TxDropped = N(f[11]),
            };
        }
        return networks.Count > 0 ? networks : null;
    }

    static ulong N(string s) => ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
