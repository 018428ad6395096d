using System.Text.Json.Serialization;

namespace Cais.Api.Models.Exec;

/// <summary>The body of <c>POST /containers/{id}/exec</c> (moby <c>container.ExecOptions</c>, swagger <c>ExecConfig</c>).</summary>
public sealed class ExecCreateRequest
{
    /// <summary><c>user</c>, <c>user:group</c>, <c>uid</c> or <c>uid:gid</c>; empty means the container's user.</summary>
    public string User { get; set; } = "";

    public bool Privileged { get; set; }

    public bool Tty { get; set; }

    /// <summary>Initial TTY size as <c>[height, width]</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public uint[]? ConsoleSize { get; set; }

    public bool AttachStdin { get; set; }

    public bool AttachStderr { get; set; }

    public bool AttachStdout { get; set; }

    /// <summary>In <c>--detach-keys</c> format (<c>ctrl-p,ctrl-q</c>); empty means the daemon default.</summary>
    public string DetachKeys { get; set; } = "";

    public List<string>? Env { get; set; }

    public string WorkingDir { get; set; } = "";

    public List<string>? Cmd { get; set; }

    /// <summary>Unused by Docker (detaching is chosen at start); kept because old clients send it.</summary>
    public bool Detach { get; set; }
}

/// <summary>The 201 answer of exec create: the new exec instance's ID (swagger <c>IdResponse</c>).</summary>
public sealed class ExecCreateResponse
{
    public string Id { get; set; } = "";
}
