namespace Cais.Engine.Exec;

/// <summary>What `POST /containers/{id}/exec` asked for (Docker's ExecConfig), kept until the exec is started.</summary>
public sealed record ExecConfig
{
    public required IReadOnlyList<string> Cmd { get; init; }
    public IReadOnlyList<string> Env { get; init; } = [];
    /// <summary>"user", "uid", "user:group" or empty for the container's user.</summary>
    public string User { get; init; } = "";
    /// <summary>Empty for the container's working directory.</summary>
    public string WorkingDir { get; init; } = "";
    public bool Tty { get; init; }
    public bool Privileged { get; init; }
    public bool AttachStdin { get; init; }
    public bool AttachStdout { get; init; }
    public bool AttachStderr { get; init; }
    public string DetachKeys { get; init; } = "";
    /// <summary>Rows and columns of the terminal at start, when given.</summary>
    public (ushort Rows, ushort Columns)? ConsoleSize { get; init; }
}
