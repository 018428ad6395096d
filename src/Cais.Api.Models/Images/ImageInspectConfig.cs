using System.Text.Json.Serialization;

namespace Cais.Api.Models.Images;

/// <summary>
/// The container defaults of an image as inspect shows them (swagger ImageConfig; Docker sends a
/// whole container.Config, so the fields that are not part of an image, Hostname to StdinOnce and
/// Image, are always present and empty, as Docker writes them).
/// </summary>
public sealed class ImageInspectConfig
{
    [JsonPropertyName("Hostname")] public string Hostname { get; set; } = "";
    [JsonPropertyName("Domainname")] public string Domainname { get; set; } = "";
    [JsonPropertyName("User")] public string User { get; set; } = "";
    [JsonPropertyName("AttachStdin")] public bool AttachStdin { get; set; }
    [JsonPropertyName("AttachStdout")] public bool AttachStdout { get; set; }
    [JsonPropertyName("AttachStderr")] public bool AttachStderr { get; set; }

    /// <summary>"80/tcp" → {}.</summary>
    [JsonPropertyName("ExposedPorts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, EmptyObject>? ExposedPorts { get; set; }

    [JsonPropertyName("Tty")] public bool Tty { get; set; }
    [JsonPropertyName("OpenStdin")] public bool OpenStdin { get; set; }
    [JsonPropertyName("StdinOnce")] public bool StdinOnce { get; set; }
    [JsonPropertyName("Env")] public List<string>? Env { get; set; }
    [JsonPropertyName("Cmd")] public List<string>? Cmd { get; set; }

    [JsonPropertyName("Healthcheck")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ImageHealthConfig? Healthcheck { get; set; }

    [JsonPropertyName("ArgsEscaped")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ArgsEscaped { get; set; }

    [JsonPropertyName("Image")] public string Image { get; set; } = "";
    [JsonPropertyName("Volumes")] public Dictionary<string, EmptyObject>? Volumes { get; set; }
    [JsonPropertyName("WorkingDir")] public string WorkingDir { get; set; } = "";
    [JsonPropertyName("Entrypoint")] public List<string>? Entrypoint { get; set; }
    [JsonPropertyName("OnBuild")] public List<string>? OnBuild { get; set; }
    [JsonPropertyName("Labels")] public Dictionary<string, string>? Labels { get; set; }

    [JsonPropertyName("StopSignal")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StopSignal { get; set; }

    [JsonPropertyName("StopTimeout")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? StopTimeout { get; set; }

    [JsonPropertyName("Shell")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Shell { get; set; }
}

/// <summary>An image's HEALTHCHECK (swagger HealthConfig); durations are Go nanoseconds, 0 = inherit.</summary>
public sealed class ImageHealthConfig
{
    [JsonPropertyName("Test")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Test { get; set; }

    [JsonPropertyName("Interval")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Interval { get; set; }

    [JsonPropertyName("Timeout")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Timeout { get; set; }

    [JsonPropertyName("StartPeriod")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long StartPeriod { get; set; }

    [JsonPropertyName("StartInterval")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long StartInterval { get; set; }

    [JsonPropertyName("Retries")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Retries { get; set; }
}

/// <summary>The <c>{}</c> values of Docker's port and volume sets.</summary>
public sealed class EmptyObject;
