using System.Text.Json.Serialization;

namespace Cais.Api.Models.Containers;

/// <summary>
/// The portable part of a container's configuration (moby <c>container.Config</c>, swagger
/// <c>ContainerConfig</c>): the <c>Config</c> of inspect, and the top level of the create body
/// (<see cref="ContainerCreateRequest"/> adds <c>HostConfig</c> and <c>NetworkingConfig</c>).
/// Lists and maps that Docker writes as <c>null</c> when unset stay null here; the fields Docker
/// tags <c>omitempty</c> are left out when unset.
/// </summary>
public class ContainerConfig
{
    public string Hostname { get; set; } = "";

    public string Domainname { get; set; } = "";

    public string User { get; set; } = "";

    public bool AttachStdin { get; set; }

    public bool AttachStdout { get; set; }

    public bool AttachStderr { get; set; }

    /// <summary>Keys like <c>80/tcp</c>, <c>53/udp</c>; the values are always <c>{}</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, EmptyObject>? ExposedPorts { get; set; }

    public bool Tty { get; set; }

    public bool OpenStdin { get; set; }

    public bool StdinOnce { get; set; }

    /// <summary><c>VAR=value</c> entries; a bare <c>VAR</c> removes the variable.</summary>
    public List<string>? Env { get; set; }

    [JsonConverter(typeof(StringOrArrayJsonConverter))]
    public List<string>? Cmd { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HealthConfig? Healthcheck { get; set; }

    /// <summary>Windows only; kept so a round trip does not lose it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ArgsEscaped { get; set; }

    public string Image { get; set; } = "";

    /// <summary>Anonymous volume mount points (keys); the values are always <c>{}</c>.</summary>
    public Dictionary<string, EmptyObject>? Volumes { get; set; }

    public string WorkingDir { get; set; } = "";

    /// <summary><c>[""]</c> (or the string <c>""</c> on input) resets the image's entrypoint.</summary>
    [JsonConverter(typeof(StringOrArrayJsonConverter))]
    public List<string>? Entrypoint { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool NetworkDisabled { get; set; }

    /// <summary>Deprecated since API 1.44 in favour of the endpoint's <c>MacAddress</c>; still sent by old clients.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MacAddress { get; set; }

    public List<string>? OnBuild { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    /// <summary>A signal name (<c>SIGTERM</c>) or number, as text.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StopSignal { get; set; }

    /// <summary>Seconds to wait after the stop signal before killing; null means the daemon default.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? StopTimeout { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(StringOrArrayJsonConverter))]
    public List<string>? Shell { get; set; }
}

/// <summary>
/// A health check (moby <c>container.HealthConfig</c>). Durations are nanoseconds; 0 means
/// "inherit from the image". <c>Test</c>: <c>[]</c> inherit, <c>["NONE"]</c> disable,
/// <c>["CMD", args...]</c> exec, <c>["CMD-SHELL", command]</c> run with the shell.
/// </summary>
public sealed class HealthConfig
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Test { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Interval { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Timeout { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long StartPeriod { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long StartInterval { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Retries { get; set; }
}
