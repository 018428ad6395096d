using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cais.Images.Model;

/// <summary>
/// The <c>config</c> object of an image config: the defaults a container starts with (OCI
/// image-spec config.md "config", Go type ImageConfig; Docker's extensions Healthcheck, OnBuild
/// and Shell from moby's DockerOCIImageConfig; StopTimeout from moby's container.Config). JSON
/// names are Go's field names, capitalised, as Docker writes them.
/// </summary>
/// <remarks>
/// Docker's classic builder writes the whole container.Config here (Hostname, AttachStdin, Tty,
/// Image, ...); those fields are kept in <see cref="Extra"/> so a config read and written again
/// loses nothing. Docker writes "Entrypoint": null and "Cmd": null; they read as null.
/// </remarks>
public sealed record ContainerConfig
{
    [JsonPropertyName("User")]
    public string? User { get; init; }

    /// <summary>"port/proto" → {} ("80/tcp", "53/udp").</summary>
    [JsonPropertyName("ExposedPorts")]
    public IReadOnlyDictionary<string, EmptyObject>? ExposedPorts { get; init; }

    /// <summary>"NAME=value" entries.</summary>
    [JsonPropertyName("Env")]
    public IReadOnlyList<string>? Env { get; init; }

    [JsonPropertyName("Entrypoint")]
    public IReadOnlyList<string>? Entrypoint { get; init; }

    [JsonPropertyName("Cmd")]
    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>Container paths that get a volume → {}.</summary>
    [JsonPropertyName("Volumes")]
    public IReadOnlyDictionary<string, EmptyObject>? Volumes { get; init; }

    [JsonPropertyName("WorkingDir")]
    public string? WorkingDir { get; init; }

    [JsonPropertyName("Labels")]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>"SIGTERM", "15", ...: the signal <c>docker stop</c> sends first.</summary>
    [JsonPropertyName("StopSignal")]
    public string? StopSignal { get; init; }

    /// <summary>Windows only: Cmd/Entrypoint are already escaped (config.md).</summary>
    [JsonPropertyName("ArgsEscaped")]
    public bool? ArgsEscaped { get; init; }

    [JsonPropertyName("Healthcheck")]
    public HealthConfig? Healthcheck { get; init; }

    /// <summary>Dockerfile ONBUILD instructions, run when the image is used as a base.</summary>
    [JsonPropertyName("OnBuild")]
    public IReadOnlyList<string>? OnBuild { get; init; }

    /// <summary>The shell for shell-form RUN/CMD/ENTRYPOINT (Dockerfile SHELL).</summary>
    [JsonPropertyName("Shell")]
    public IReadOnlyList<string>? Shell { get; init; }

    /// <summary>Seconds <c>docker stop</c> waits before SIGKILL.</summary>
    [JsonPropertyName("StopTimeout")]
    public int? StopTimeout { get; init; }

    /// <summary>Fields this model does not name, kept as read.</summary>
    /// <remarks>Settable, not init-only: System.Text.Json cannot bind extension data through the
    /// constructor it uses for init-only properties.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>
/// A health check (moby api/types/container HealthConfig, Dockerfile HEALTHCHECK). Durations are
/// Go time.Duration values: int64 nanoseconds; 0 or absent means "inherit the default".
/// </summary>
public sealed record HealthConfig
{
    /// <summary>[] inherit; ["NONE"] disable; ["CMD", args...] exec; ["CMD-SHELL", command] run with the shell.</summary>
    [JsonPropertyName("Test")]
    public IReadOnlyList<string>? Test { get; init; }

    [JsonPropertyName("Interval")]
    public long? Interval { get; init; }

    [JsonPropertyName("Timeout")]
    public long? Timeout { get; init; }

    [JsonPropertyName("StartPeriod")]
    public long? StartPeriod { get; init; }

    [JsonPropertyName("StartInterval")]
    public long? StartInterval { get; init; }

    [JsonPropertyName("Retries")]
    public int? Retries { get; init; }

    /// <summary>A Go duration (nanoseconds) as a TimeSpan; 100 ns is the finest TimeSpan unit.</summary>
    public static TimeSpan ToTimeSpan(long nanoseconds) => TimeSpan.FromTicks(nanoseconds / 100);

    public static long ToNanoseconds(TimeSpan value) => checked(value.Ticks * 100);
}
