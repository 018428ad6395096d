using System.Text.Json.Serialization;

namespace Cais.Api.Models.Containers;

/// <summary>
/// One row of <c>GET /containers/json</c> (moby <c>container.Summary</c>). <see cref="Names"/>,
/// <see cref="Ports"/>, <see cref="Labels"/> and <see cref="Mounts"/> are always written as an
/// array or object, never null: the docker CLI's <c>ps</c> formatting and Docker.DotNet index
/// into them directly, and Docker's daemon always fills them.
/// </summary>
public sealed class ContainerSummary
{
    public string Id { get; set; } = "";

    /// <summary>Names with Docker's leading slash (<c>/web</c>), links included (<c>/app/db</c>).</summary>
    public List<string> Names { get; set => field = value ?? []; } = [];

    /// <summary>The image as the user named it (or its ID if that name is gone).</summary>
    public string Image { get; set; } = "";

    public string ImageID { get; set; } = "";

    /// <summary>The command line as one string, arguments quoted as needed.</summary>
    public string Command { get; set; } = "";

    /// <summary>Creation time in Unix seconds (inspect has it as RFC 3339 text instead).</summary>
    public long Created { get; set; }

    public List<Port> Ports { get; set => field = value ?? []; } = [];

    /// <summary>Only with <c>size=1</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long SizeRw { get; set; }

    /// <summary>Only with <c>size=1</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long SizeRootFs { get; set; }

    public Dictionary<string, string> Labels { get; set => field = value ?? []; } = [];

    /// <summary><c>created</c>, <c>running</c>, <c>paused</c>, <c>restarting</c>, <c>removing</c>, <c>exited</c> or <c>dead</c>.</summary>
    public string State { get; set; } = "";

    /// <summary>Human-readable: <c>Up 5 minutes</c>, <c>Exited (0) 2 hours ago</c>.</summary>
    public string Status { get; set; } = "";

    public ContainerSummaryHostConfig HostConfig { get; set => field = value ?? new(); } = new();

    public ContainerSummaryNetworkSettings? NetworkSettings { get; set; }

    public List<MountPoint> Mounts { get; set => field = value ?? []; } = [];
}

/// <summary>A port of a container as <c>docker ps</c> shows it (moby <c>container.Port</c>).</summary>
public sealed class Port
{
    /// <summary>The host address the port is published on; absent when not published.</summary>
    [JsonPropertyName("IP")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Ip { get; set; }

    public ushort PrivatePort { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ushort PublicPort { get; set; }

    /// <summary><c>tcp</c>, <c>udp</c> or <c>sctp</c>.</summary>
    public string Type { get; set; } = "";
}

/// <summary>The part of the host configuration the container list carries.</summary>
public sealed class ContainerSummaryHostConfig
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NetworkMode { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Annotations { get; set; }
}

/// <summary>The networks part of the container list's network settings.</summary>
public sealed class ContainerSummaryNetworkSettings
{
    public Dictionary<string, EndpointSettings>? Networks { get; set; }
}
