using System.Text.Json.Serialization;

namespace Cais.Api.Models.Containers;

/// <summary>
/// <c>GET /containers/{id}/json</c> (moby <c>container.InspectResponse</c>). Lists that clients
/// iterate without a null check (<see cref="Args"/>, <see cref="Mounts"/>) are never null, as in
/// Docker's output; <see cref="ExecIDs"/> is null when no exec is running, also as Docker writes it.
/// </summary>
public sealed class ContainerInspectResponse
{
    public string Id { get; set; } = "";

    /// <summary>RFC 3339 with nanoseconds (see <see cref="DockerTimestamp"/>).</summary>
    public string Created { get; set; } = DockerTimestamp.Zero;

    /// <summary>The executable of the container's first process.</summary>
    public string Path { get; set; } = "";

    public List<string> Args { get; set => field = value ?? []; } = [];

    public ContainerState? State { get; set; }

    /// <summary>The image ID (<c>sha256:...</c>), not the name the user gave.</summary>
    public string Image { get; set; } = "";

    public string ResolvConfPath { get; set; } = "";

    public string HostnamePath { get; set; } = "";

    public string HostsPath { get; set; } = "";

    public string LogPath { get; set; } = "";

    /// <summary>The name with Docker's leading slash: <c>/boring_euclid</c>.</summary>
    public string Name { get; set; } = "";

    public int RestartCount { get; set; }

    /// <summary>The storage driver, e.g. <c>overlay2</c>.</summary>
    public string Driver { get; set; } = "";

    public string Platform { get; set; } = "";

    public string MountLabel { get; set; } = "";

    public string ProcessLabel { get; set; } = "";

    public string AppArmorProfile { get; set; } = "";

    /// <summary>IDs of exec instances of this container; null when there are none.</summary>
    public List<string>? ExecIDs { get; set; }

    public HostConfig? HostConfig { get; set; }

    public GraphDriverData GraphDriver { get; set => field = value ?? new(); } = new();

    /// <summary>Only with <c>size=1</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? SizeRw { get; set; }

    /// <summary>Only with <c>size=1</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? SizeRootFs { get; set; }

    public List<MountPoint> Mounts { get; set => field = value ?? []; } = [];

    public ContainerConfig? Config { get; set; }

    public NetworkSettings? NetworkSettings { get; set; }
}

/// <summary>The storage driver's name and its driver-specific paths (<c>LowerDir</c>, <c>UpperDir</c>, ...).</summary>
public sealed class GraphDriverData
{
    public string Name { get; set; } = "";

    public Dictionary<string, string> Data { get; set => field = value ?? []; } = [];
}
