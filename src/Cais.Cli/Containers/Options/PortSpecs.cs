using System.Globalization;
using Cais.Api.Models.Containers;

namespace Cais.Cli.Containers.Options;

/// <summary>
/// -p/--publish and --expose, as docker/go-connections' nat package reads them:
/// <c>[IP:][HOST-PORT:]CONTAINER-PORT[/PROTO]</c> with port ranges (<c>8000-8002:80-82</c>),
/// an IPv6 address in brackets, or the long form <c>published=8080,target=80,protocol=udp</c>.
/// </summary>
public sealed class PortSpecs
{
    public Dictionary<string, EmptyObject> Exposed { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<PortBinding>?> Bindings { get; } = new(StringComparer.Ordinal);

    public void Publish(string spec)
    {
        var (ip, host, container, proto) = Split(ToStandardNotation(spec));
        var (containerStart, containerEnd) = ParseRange(container, "containerPort", spec);
        (int Start, int End) hostRange = host.Length == 0 ? (0, 0) : ParseRange(host, "hostPort", spec);
        int count = containerEnd - containerStart + 1;
        if (host.Length > 0 && hostRange.End - hostRange.Start + 1 != count && count != 1)
            throw new InvalidOptionException($"invalid ranges specified for container and host Ports: {container} and {host}");
        for (int i = 0; i < count; i++)
        {
            var key = Key(containerStart + i, proto);
            Exposed[key] = new EmptyObject();
            var hostPort = host.Length == 0 ? ""
                : count == 1 ? host
                : (hostRange.Start + i).ToString(CultureInfo.InvariantCulture);
            var list = Bindings.TryGetValue(key, out var existing) && existing is not null ? existing : [];
            list.Add(new PortBinding { HostIp = ip, HostPort = hostPort });
            Bindings[key] = list;
        }
    }

    public void Expose(string spec)
    {
        if (spec.Contains(':', StringComparison.Ordinal))
            throw new InvalidOptionException($"invalid port format for --expose: {spec}");
        var (port, proto) = SplitProto(spec);
        var (start, end) = ParseRange(port, "expose", spec);
        for (int p = start; p <= end; p++)
            Exposed.TryAdd(Key(p, proto), new EmptyObject());
    }

    static string Key(int port, string proto) => $"{port.ToString(CultureInfo.InvariantCulture)}/{proto}";

    /// <summary>published=8080,target=80,protocol=udp → 8080:80/udp.</summary>
    static string ToStandardNotation(string spec)
    {
        if (!spec.Contains('=', StringComparison.Ordinal)) return spec;
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["protocol"] = "tcp" };
        foreach (var part in spec.Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0) throw new InvalidOptionException($"invalid publish opts format (should be name=value but got '{part}')");
            values[part[..equals]] = part[(equals + 1)..];
        }
        return $"{values.GetValueOrDefault("published")}:{values.GetValueOrDefault("target")}/{values["protocol"]}";
    }

    static (string Ip, string Host, string Container, string Proto) Split(string spec)
    {
        var (rest, proto) = SplitProto(spec);
        string ip = "";
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= rest.Length || rest[close + 1] != ':')
                throw new InvalidOptionException($"invalid IP address: {rest}");
            ip = rest[1..close];
            rest = rest[(close + 2)..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (ip, "", rest, proto) : (ip, rest[..colon], rest[(colon + 1)..], proto);
        }
        var parts = rest.Split(':');
        return parts.Length switch
        {
            1 => ("", "", parts[0], proto),
            2 => ("", parts[0], parts[1], proto),
            3 => (parts[0], parts[1], parts[2], proto),
            _ => (string.Join(':', parts[..^2]), parts[^2], parts[^1], proto),
        };
    }

    static (string Port, string Proto) SplitProto(string spec)
    {
        var slash = spec.LastIndexOf('/');
        if (slash < 0) return (spec, "tcp");
        var proto = spec[(slash + 1)..].ToLowerInvariant();
        if (proto.Length == 0) proto = "tcp";
        if (proto is not ("tcp" or "udp" or "sctp")) throw new InvalidOptionException($"invalid proto: {proto}");
        return (spec[..slash], proto);
    }

    static (int Start, int End) ParseRange(string text, string what, string spec)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var startText = dash < 0 ? text : text[..dash];
        var endText = dash < 0 ? text : text[(dash + 1)..];
        if (!TryPort(startText, out var start) || !TryPort(endText, out var end) || end < start)
            throw new InvalidOptionException(what == "expose"
                ? $"invalid range format for --expose: {spec}"
                : $"invalid {what}: {text}");
        return (start, end);
    }

    static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 0 and <= 65535;
}
