using System.Text.Json.Serialization;

namespace Cais.Runtime.State;

/// <summary>What the runtime remembers about one container, in STATE_ROOT/ID/state.json.</summary>
public sealed class ContainerState
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("bundle")] public string Bundle { get; set; } = "";
    [JsonPropertyName("rootfs")] public string Rootfs { get; set; } = "";
    /// <summary>The container's init process (in the runtime's PID namespace); 0 until known.</summary>
    [JsonPropertyName("pid")] public int Pid { get; set; }
    /// <summary>/proc/PID/stat start time of the init, so a reused pid is never mistaken for it.</summary>
    [JsonPropertyName("pidStartTime")] public ulong PidStartTime { get; set; }
    [JsonPropertyName("created")] public DateTime Created { get; set; }
    /// <summary>"creating" until create finished; then "created". Running/stopped are derived from the process.</summary>
    [JsonPropertyName("phase")] public string Phase { get; set; } = Phases.Creating;
    [JsonPropertyName("cgroupsPath")] public string CgroupsPath { get; set; } = "";
    [JsonPropertyName("owner")] public string Owner { get; set; } = "";
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; set; }
    /// <summary>Namespaces the container created (not joined); exec joins exactly these plus joined paths.</summary>
    [JsonPropertyName("namespaces")] public List<string> Namespaces { get; set; } = [];
    /// <summary>Whether config.json has startContainer, poststart or poststop hooks (start and delete then read it).</summary>
    [JsonPropertyName("hasLifecycleHooks")] public bool HasLifecycleHooks { get; set; }
}

public static class Phases
{
    public const string Creating = "creating";
    public const string Created = "created";
}

/// <summary>The runtime-spec's four states, plus paused (a frozen cgroup), as runc reports them.</summary>
public enum ContainerStatus { Creating, Created, Running, Stopped, Paused }

public static class ContainerStatusNames
{
    public static string ToSpecString(this ContainerStatus s) => s switch
    {
        ContainerStatus.Creating => "creating",
        ContainerStatus.Created => "created",
        ContainerStatus.Running => "running",
        ContainerStatus.Stopped => "stopped",
        ContainerStatus.Paused => "paused",
        _ => "unknown",
    };
}

/// <summary>The state document `state` prints (runtime-spec "state", plus runc's extra fields).</summary>
public sealed record StateDocument
{
    [JsonPropertyName("ociVersion")] public string OciVersion { get; set; } = "1.2.0";
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("pid")] public int Pid { get; set; }
    [JsonPropertyName("status")] public string Status { get; set; } = "";
    [JsonPropertyName("bundle")] public string Bundle { get; set; } = "";
    [JsonPropertyName("rootfs")] public string Rootfs { get; set; } = "";
    [JsonPropertyName("created")] public DateTime Created { get; set; }
    [JsonPropertyName("owner")] public string Owner { get; set; } = "";
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; set; }
}
