namespace Cais.Cli.Containers;

/// <summary>
/// The client's own stdin, stdout and stderr as unbuffered byte streams, for the bytes of
/// attached processes (text messages go through <see cref="Daemon.DaemonCli"/>'s writers).
/// </summary>
public static class ClientStreams
{
    public static Stream Stdin => Console.OpenStandardInput();

    public static Stream Stdout => Console.OpenStandardOutput();

    public static Stream Stderr => Console.OpenStandardError();
}
