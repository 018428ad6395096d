using Cais.Api.Models.Containers;

namespace Cais.Cli.Containers;

/// <summary>
/// --network (simple <c>NAME</c> or advanced <c>name=NAME,alias=A,ip=IP,...</c>) with
/// --network-alias, --ip, --ip6, --link-local-ip and --link, as the create request's
/// NetworkingConfig. As in docker, the first network also becomes HostConfig.NetworkMode and
/// gets the single-network flags, and a lone network without settings sends no endpoint at all.
/// </summary>
public static class NetworkingBuilder
{
    sealed record Attachment(string Target, List<string> Aliases, string? Ip, string? Ip6, List<string> LinkLocalIps,
        Dictionary<string, string> DriverOpts, string? MacAddress);

    public static string Target(string spec) => Parse(spec).Target;

    public static NetworkingConfig Build(ContainerFlags o)
    {
        var endpoints = new Dictionary<string, EndpointSettings>(StringComparer.Ordinal);
        // Without --network the container joins the default network, which the single-network flags then describe.
        IReadOnlyList<string> specs = o.Networks.Value.Count > 0 ? o.Networks.Value : ["default"];
        for (int i = 0; i < specs.Count; i++)
        {
            var n = Parse(specs[i]);
            if (i == 0) n = WithSingleNetworkFlags(n, o);
            if (endpoints.ContainsKey(n.Target)) throw new InvalidOptionException($"network \"{n.Target}\" is specified multiple times");
            if (!IsUserDefined(n.Target) && n.Aliases.Count > 0)
                throw new InvalidOptionException("network-scoped aliases are only supported for user-defined networks");
            var endpoint = Endpoint(n, i == 0 ? o.Links.Value : []);
            if (i == 0 && specs.Count == 1 && endpoint is null) continue;
            endpoints[n.Target] = endpoint ?? new EndpointSettings();
        }
        return new NetworkingConfig { EndpointsConfig = endpoints };
    }

    static Attachment WithSingleNetworkFlags(Attachment n, ContainerFlags o)
    {
        if (n.Aliases.Count > 0 && o.NetworkAliases.Value.Count > 0)
            throw new InvalidOptionException("conflicting options: cannot specify both --network-alias and per-network alias");
        if (n.Ip is not null && o.Ip.Value.Length > 0)
            throw new InvalidOptionException("conflicting options: cannot specify both --ip and per-network IPv4 address");
        if (n.Ip6 is not null && o.Ip6.Value.Length > 0)
            throw new InvalidOptionException("conflicting options: cannot specify both --ip6 and per-network IPv6 address");
        return n with
        {
            Aliases = n.Aliases.Count > 0 ? n.Aliases : [.. o.NetworkAliases.Value],
            Ip = n.Ip ?? NonEmpty(o.Ip.Value),
            Ip6 = n.Ip6 ?? NonEmpty(o.Ip6.Value),
            LinkLocalIps = o.LinkLocalIps.Value.Count > 0 ? [.. o.LinkLocalIps.Value] : n.LinkLocalIps,
        };
    }

    static EndpointSettings? Endpoint(Attachment n, IReadOnlyList<string> links)
    {
        bool empty = n.Aliases.Count == 0 && n.Ip is null && n.Ip6 is null && n.LinkLocalIps.Count == 0
            && n.DriverOpts.Count == 0 && n.MacAddress is null && links.Count == 0;
        if (empty) return null;
        return new EndpointSettings
        {
            Aliases = n.Aliases.Count > 0 ? n.Aliases : null,
            Links = links.Count > 0 && IsUserDefined(n.Target) ? [.. links] : null,
            DriverOpts = n.DriverOpts.Count > 0 ? n.DriverOpts : null,
            MacAddress = n.MacAddress ?? "",
            IpamConfig = n.Ip is null && n.Ip6 is null && n.LinkLocalIps.Count == 0 ? null : new EndpointIpamConfig
            {
                IPv4Address = n.Ip,
                IPv6Address = n.Ip6,
                LinkLocalIPs = n.LinkLocalIps.Count > 0 ? n.LinkLocalIps : null,
            },
        };
    }

    static Attachment Parse(string spec)
    {
        if (!spec.Contains('=', StringComparison.Ordinal)) return new(spec, [], null, null, [], [], null);
        string? target = null, ip = null, ip6 = null, mac = null;
        var aliases = new List<string>();
        var linkLocal = new List<string>();
        var driverOpts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in spec.Split(','))
        {
            var equals = field.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0) throw new InvalidOptionException($"invalid field '{field}' must be a key=value pair");
            var value = field[(equals + 1)..];
            switch (field[..equals].ToLowerInvariant())
            {
                case "name": target = value; break;
                case "alias": aliases.Add(value); break;
                case "ip": ip = value; break;
                case "ip6": ip6 = value; break;
                case "mac-address": mac = value; break;
                case "link-local-ip": linkLocal.Add(value); break;
                case "driver-opt":
                    var eq = value.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0) throw new InvalidOptionException($"invalid key value pair format in driver options: {value}");
                    driverOpts[value[..eq]] = value[(eq + 1)..];
                    break;
                default: throw new InvalidOptionException($"invalid field key {field[..equals]}");
            }
        }
        if (string.IsNullOrWhiteSpace(target)) throw new InvalidOptionException("network name not specified");
        return new(target, aliases, ip, ip6, linkLocal, driverOpts, mac);
    }

    /// <summary>Anything but the built-in modes (bridge, host, none, default, container:ID) names a user-defined network.</summary>
    static bool IsUserDefined(string mode) =>
        mode is not ("" or "default" or "bridge" or "host" or "none") && !mode.StartsWith("container:", StringComparison.Ordinal);

    static string? NonEmpty(string s) => s.Length > 0 ? s : null;
}
