using System.Text.Json.Serialization;

namespace Cais.Api.Models.Exec;

/// <summary>The body of <c>POST /exec/{id}/start</c> (moby <c>container.ExecStartOptions</c>, swagger <c>ExecStartConfig</c>).</summary>
public sealed class ExecStartRequest
{
    /// <summary>Start and return at once, without attaching the process's streams.</summary>
    public bool Detach { get; set; }

    /// <summary>Must match the <c>Tty</c> given at create; decides raw versus multiplexed output.</summary>
    public bool Tty { get; set; }

    /// <summary>Initial TTY size as <c>[height, width]</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public uint[]? ConsoleSize { get; set; }
}
