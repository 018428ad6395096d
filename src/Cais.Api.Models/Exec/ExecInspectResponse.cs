using System.Text.Json.Serialization;

namespace Cais.Api.Models.Exec;

/// <summary><c>GET /exec/{id}/json</c> (moby <c>container.ExecInspect</c>).</summary>
public sealed class ExecInspectResponse
{
    [JsonPropertyName("ID")]
    public string Id { get; set; } = "";

    public bool Running { get; set; }

    /// <summary>Null until the process has exited.</summary>
    public int? ExitCode { get; set; }

    public ExecProcessConfig? ProcessConfig { get; set; }

    public bool OpenStdin { get; set; }

    public bool OpenStderr { get; set; }

    public bool OpenStdout { get; set; }

    public bool CanRemove { get; set; }

    public string ContainerID { get; set; } = "";

    /// <summary>
    /// The detach key bytes, base64-encoded: Docker's Go type is <c>[]byte</c>, which its JSON
    /// writes that way (<c>EBE=</c> is ctrl-p,ctrl-q); <c>null</c> or empty when unset.
    /// </summary>
    public string? DetachKeys { get; set; }

    /// <summary>The host PID of the exec process; 0 before start.</summary>
    public int Pid { get; set; }
}

/// <summary>The process of an exec instance, with Docker's lower-case JSON names.</summary>
public sealed class ExecProcessConfig
{
    [JsonPropertyName("tty")]
    public bool Tty { get; set; }

    [JsonPropertyName("entrypoint")]
    public string Entrypoint { get; set; } = "";

    [JsonPropertyName("arguments")]
    public List<string> Arguments { get; set => field = value ?? []; } = [];

    [JsonPropertyName("privileged")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Privileged { get; set; }

    [JsonPropertyName("user")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? User { get; set; }
}
