namespace Cais.Cli.Containers;

/// <summary>
/// The exit status of `run` (and `start -a`) when the container's process cannot be started,
/// read from the daemon's message as docker reads it: 127 when the command is not found, 126
/// when it cannot be executed, 125 for any other failure of the daemon.
/// </summary>
public static class StartErrorStatus
{
    public const int DaemonFailure = 125;
    public const int CannotExecute = 126;
    public const int NotFound = 127;

    public static int For(string message)
    {
        if (message.Contains("executable file not found", StringComparison.Ordinal)
            || message.Contains("no such file or directory", StringComparison.Ordinal)
            || message.Contains("system cannot find the file specified", StringComparison.Ordinal))
            return NotFound;
        if (message.Contains("permission denied", StringComparison.Ordinal) || message.Contains("is a directory", StringComparison.Ordinal))
            return CannotExecute;
        return DaemonFailure;
    }
}
