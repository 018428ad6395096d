using System.Text.Json;

namespace Cais.Engine.Monitor;

/// <summary>
/// What a monitor is told by the daemon that spawns it, in monitor.json of the container's
/// exec-root directory: `cais monitor DIR/monitor.json`.
/// </summary>
public sealed record MonitorOptions
{
    public required string Id { get; init; }
    /// <summary>The OCI bundle (config.json; root.path is the container's mounted root).</summary>
    public required string Bundle { get; init; }
    /// <summary>The OCI runtime's state root (`cais runtime --root`).</summary>
    public required string RuntimeRoot { get; init; }
    /// <summary>The unix socket the monitor serves its frames on.</summary>
    public required string SocketPath { get; init; }
    public required string ExitFile { get; init; }
    /// <summary>The json-file log; null for `--log-driver none`.</summary>
    public string? LogPath { get; init; }
    public Dictionary<string, string> LogOptions { get; init; } = [];
    public bool Tty { get; init; }
    /// <summary>Keep a pipe open on the process's stdin (`-i`); otherwise stdin is /dev/null.</summary>
    public bool OpenStdin { get; init; }

    /// <summary>
    /// Set for an exec monitor: the process.json (runtime-spec "process") to run in the already
    /// running container <see cref="Id"/>. Null for the monitor that creates the container.
    /// </summary>
    public string? ExecProcessFile { get; init; }

    public void Save(string path) => File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(this, MonitorJsonContext.Default.MonitorOptions));

    public static MonitorOptions Load(string path) => Parse(File.ReadAllBytes(path), path);

    public static MonitorOptions Parse(byte[] json, string source) =>
        JsonSerializer.Deserialize(json, MonitorJsonContext.Default.MonitorOptions)
        ?? throw new InvalidDataException($"{source}: empty monitor options");
}
