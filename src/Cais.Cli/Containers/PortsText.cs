using Cais.Api.Models.Containers;

namespace Cais.Cli.Containers;

/// <summary>
/// The PORTS column of `ps` ("0.0.0.0:8080->80/tcp, 9000-9002/tcp"), as docker's
/// DisplayablePorts writes it: ports sorted, runs of consecutive ports with the same address and
/// protocol joined into ranges, ports published on another host port listed after the rest.
/// </summary>
public static class PortsText
{
    public static string Of(IReadOnlyList<Port> ports)
    {
        var sorted = ports.OrderBy(p => p.PrivatePort).ThenBy(p => p.Ip ?? "", StringComparer.Ordinal)
            .ThenBy(p => p.PublicPort).ThenBy(p => p.Type, StringComparer.Ordinal).ToList();
        var groups = new Dictionary<string, (int First, int Last)>(StringComparer.Ordinal);
        var groupOrder = new List<string>();
        var result = new List<string>();
        var hostMappings = new List<string>();
        foreach (var port in sorted)
        {
            int current = port.PrivatePort;
            var key = port.Type;
            if (!string.IsNullOrEmpty(port.Ip))
            {
                if (port.PublicPort != current)
                {
                    hostMappings.Add($"{HostPort(port.Ip, port.PublicPort.ToString(System.Globalization.CultureInfo.InvariantCulture))}->{current}/{port.Type}");
                    continue;
                }
                key = port.Ip + "/" + port.Type;
            }
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = (current, current);
                groupOrder.Add(key);
                continue;
            }
            if (current == group.Last + 1)
            {
                groups[key] = (group.First, current);
                continue;
            }
            result.Add(Group(key, group.First, group.Last));
            groups[key] = (current, current);
        }
        foreach (var key in groupOrder)
            result.Add(Group(key, groups[key].First, groups[key].Last));
        result.AddRange(hostMappings);
        return string.Join(", ", result);
    }

    /// <summary>"80/tcp", "80-82/tcp", or with an address "0.0.0.0:80-82->80-82/tcp".</summary>
    static string Group(string key, int first, int last)
    {
        // The key is "TYPE" or "IP/TYPE"; an IPv6 address has no '/', so the last one splits.
        var slash = key.LastIndexOf('/');
        var ip = slash < 0 ? "" : key[..slash];
        var type = slash < 0 ? key : key[(slash + 1)..];
        var ports = first == last ? $"{first}" : $"{first}-{last}";
        if (ip.Length > 0) ports = $"{HostPort(ip, ports)}->{ports}";
        return ports + "/" + type;
    }

    /// <summary>Go's net.JoinHostPort: an IPv6 address in brackets.</summary>
    public static string HostPort(string host, string port) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
}
