using System.Text.Json.Serialization;

namespace Cais.Api.Models.Containers;

/// <summary>The networks to connect at create time (moby <c>network.NetworkingConfig</c>).</summary>
public sealed class NetworkingConfig
{
    /// <summary>Network name to endpoint settings; <c>{}</c> connects with no particular settings.</summary>
    public Dictionary<string, EndpointSettings>? EndpointsConfig { get; set; }
}

/// <summary>
/// A container's endpoint on one network (moby <c>network.EndpointSettings</c>): the requested
/// configuration (IPAM, links, aliases, MAC, driver options) and, in inspect and the container
/// list, the operational data the daemon fills in.
/// </summary>
public sealed class EndpointSettings
{
    [JsonPropertyName("IPAMConfig")]
    public EndpointIpamConfig? IpamConfig { get; set; }

    public List<string>? Links { get; set; }

    public List<string>? Aliases { get; set; }

    public string MacAddress { get; set; } = "";

    public Dictionary<string, string>? DriverOpts { get; set; }

    public string NetworkID { get; set; } = "";

    public string EndpointID { get; set; } = "";

    public string Gateway { get; set; } = "";

    public string IPAddress { get; set; } = "";

    public int IPPrefixLen { get; set; }

    public string IPv6Gateway { get; set; } = "";

    public string GlobalIPv6Address { get; set; } = "";

    public int GlobalIPv6PrefixLen { get; set; }

    /// <summary>The names the embedded DNS answers for this endpoint (name, aliases, short id, hostname).</summary>
    public List<string>? DNSNames { get; set; }
}

/// <summary>Static addresses requested for an endpoint (<c>--ip</c>, <c>--ip6</c>, <c>--link-local-ip</c>).</summary>
public sealed class EndpointIpamConfig
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IPv4Address { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IPv6Address { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? LinkLocalIPs { get; set; }
}

/// <summary>
/// <c>NetworkSettings</c> of container inspect (moby <c>container.NetworkSettings</c>). The
/// top-level address fields repeat the default bridge endpoint's values, as Docker still does
/// for old clients; the current data is in <see cref="Networks"/>.
/// </summary>
public sealed class NetworkSettings
{
    public string Bridge { get; set; } = "";

    public string SandboxID { get; set; } = "";

    /// <summary>Deprecated, never set.</summary>
    public bool HairpinMode { get; set; }

    /// <summary>Deprecated, never set.</summary>
    public string LinkLocalIPv6Address { get; set; } = "";

    /// <summary>Deprecated, never set.</summary>
    public int LinkLocalIPv6PrefixLen { get; set; }

    /// <summary>Exposed ports (<c>80/tcp</c>) to their host bindings; an exposed but unpublished port maps to null.</summary>
    public Dictionary<string, List<PortBinding>?>? Ports { get; set; }

    /// <summary>The path of the network namespace handle.</summary>
    public string SandboxKey { get; set; } = "";

    /// <summary>Deprecated, never set.</summary>
    public List<NetworkAddress>? SecondaryIPAddresses { get; set; }

    /// <summary>Deprecated, never set.</summary>
    public List<NetworkAddress>? SecondaryIPv6Addresses { get; set; }

    public string EndpointID { get; set; } = "";

    public string Gateway { get; set; } = "";

    public string GlobalIPv6Address { get; set; } = "";

    public int GlobalIPv6PrefixLen { get; set; }

    public string IPAddress { get; set; } = "";

    public int IPPrefixLen { get; set; }

    public string IPv6Gateway { get; set; } = "";

    public string MacAddress { get; set; } = "";

    /// <summary>Network name to endpoint.</summary>
    public Dictionary<string, EndpointSettings> Networks { get; set => field = value ?? []; } = [];
}

/// <summary>An address with its prefix length (moby <c>network.Address</c>).</summary>
public sealed class NetworkAddress
{
    public string Addr { get; set; } = "";

    public int PrefixLen { get; set; }
}
