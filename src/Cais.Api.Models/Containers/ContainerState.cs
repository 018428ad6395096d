using System.Text.Json.Serialization;

namespace Cais.Api.Models.Containers;

/// <summary>
/// The <c>State</c> of container inspect (moby <c>container.State</c>). A paused container is both
/// <see cref="Running"/> and <see cref="Paused"/>; <see cref="Status"/> is the one to switch on.
/// </summary>
public sealed class ContainerState
{
    /// <summary><c>created</c>, <c>running</c>, <c>paused</c>, <c>restarting</c>, <c>removing</c>, <c>exited</c> or <c>dead</c>.</summary>
    public string Status { get; set; } = "";

    public bool Running { get; set; }

    public bool Paused { get; set; }

    public bool Restarting { get; set; }

    [JsonPropertyName("OOMKilled")]
    public bool OomKilled { get; set; }

    public bool Dead { get; set; }

    /// <summary>The host PID of the container's first process; 0 when not running.</summary>
    public int Pid { get; set; }

    public int ExitCode { get; set; }

    public string Error { get; set; } = "";

    /// <summary>RFC 3339 with nanoseconds (see <see cref="DockerTimestamp"/>); <see cref="DockerTimestamp.Zero"/> if never started.</summary>
    public string StartedAt { get; set; } = DockerTimestamp.Zero;

    /// <summary>RFC 3339 with nanoseconds; <see cref="DockerTimestamp.Zero"/> if it has not exited.</summary>
    public string FinishedAt { get; set; } = DockerTimestamp.Zero;

    /// <summary>Only present when the container has a health check.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Health? Health { get; set; }
}

/// <summary>The results of a container's health check so far.</summary>
public sealed class Health
{
    /// <summary><c>none</c>, <c>starting</c>, <c>healthy</c> or <c>unhealthy</c>.</summary>
    public string Status { get; set; } = "";

    /// <summary>Consecutive failures.</summary>
    public int FailingStreak { get; set; }

    /// <summary>The last few probe results, oldest first.</summary>
    public List<HealthcheckResult>? Log { get; set; }
}

/// <summary>One run of a health check probe.</summary>
public sealed class HealthcheckResult
{
    [JsonConverter(typeof(DockerTimestampJsonConverter))]
    public DateTimeOffset Start { get; set; }

    [JsonConverter(typeof(DockerTimestampJsonConverter))]
    public DateTimeOffset End { get; set; }

    /// <summary>0 healthy, 1 unhealthy, 2 reserved, anything else: the probe could not run.</summary>
    public int ExitCode { get; set; }

    public string Output { get; set; } = "";
}
