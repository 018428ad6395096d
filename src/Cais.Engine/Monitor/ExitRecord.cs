using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cais.Engine.Monitor;

/// <summary>
/// How a container's process ended, written by its monitor to exit.json (atomically) before
/// the monitor exits, so a daemon that was down at the time learns it on restart.
/// </summary>
public sealed record ExitRecord
{
    /// <summary>The exit code, or 128 + the signal that killed the process.</summary>
    public int ExitCode { get; init; }
    public DateTime FinishedAt { get; init; }
    public bool OomKilled { get; init; }
    /// <summary>Set when the process never ran (create or start failed).</summary>
    public string? Error { get; init; }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, MonitorJsonContext.Default.ExitRecord);

    public static ExitRecord FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, MonitorJsonContext.Default.ExitRecord) ?? throw new InvalidDataException("empty exit record");

    /// <summary>Reads exit.json; null when it does not exist (yet) or is damaged.</summary>
    public static ExitRecord? TryLoad(string path)
    {
        try { return FromJson(File.ReadAllBytes(path)); }
        catch (Exception e) when (e is IOException or JsonException or InvalidDataException or UnauthorizedAccessException) { return null; }
    }

    public void Save(string path)
    {
        var tmp = path + ".tmp";
        File.WriteAllBytes(tmp, ToJson());
        File.Move(tmp, path, overwrite: true);
    }
}

[JsonSerializable(typeof(ExitRecord))]
[JsonSerializable(typeof(MonitorOptions))]
[JsonSourceGenerationOptions(WriteIndented = false)]
internal sealed partial class MonitorJsonContext : JsonSerializerContext;
