using System.Text.Json;
using System.Text.Json.Serialization;
using Cais.Api.Models.Containers;

namespace Cais.Engine.Containers;

/// <summary>
/// Everything the engine keeps about a container, stored as one JSON document in the metadata
/// database (rewritten in one transaction at each change). Config is the user's config merged
/// with the image's, as inspect shows it; HostConfig is as the user gave it.
/// </summary>
public sealed class ContainerRecord
{
    public required string Id { get; init; }
    /// <summary>"/name".</summary>
    public required string Name { get; set; }
    public DateTime Created { get; init; }
    /// <summary>The image id ("sha256:...").</summary>
    public required string ImageId { get; init; }
    /// <summary>The image as the user named it ("busybox"), for ps.</summary>
    public required string ImageName { get; init; }
    public required string Path { get; init; }
    public required List<string> Args { get; init; }
    public required ContainerConfig Config { get; init; }
    public required HostConfig HostConfig { get; set; }
    public ContainerRunState State { get; init; } = new();
    public int RestartCount { get; set; }
    /// <summary>Set by stop/kill from the user: restart policies leave the container alone ("unless-stopped" too).</summary>
    public bool ManuallyStopped { get; set; }
    public int MonitorPid { get; set; }
    public ulong MonitorStartTime { get; set; }
    public bool HasBeenStarted { get; set; }

    public string ToJson() => JsonSerializer.Serialize(this, EngineJsonContext.Default.ContainerRecord);

    public static ContainerRecord FromJson(string json) =>
        JsonSerializer.Deserialize(json, EngineJsonContext.Default.ContainerRecord) ?? throw new InvalidDataException("empty container record");
}

/// <summary>The lifecycle part of a container's record (inspect's State).</summary>
public sealed class ContainerRunState
{
    /// <summary>created, running, paused, restarting, removing, exited or dead.</summary>
    public string Status { get; set; } = "created";
    public int Pid { get; set; }
    public int ExitCode { get; set; }
    public string Error { get; set; } = "";
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public bool OomKilled { get; set; }
    /// <summary>The health check's results; null when the container has none.</summary>
    public Cais.Api.Models.Containers.Health? Health { get; set; }

    public bool Running => Status is "running" or "paused" or "restarting";
}

[JsonSerializable(typeof(ContainerRecord))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class EngineJsonContext : JsonSerializerContext;
