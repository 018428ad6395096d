using LinuxTerminal = Cais.Linux.Terminal;

namespace Cais.Cli.Terminal;

/// <summary>The client's own standard streams as terminals: whether they are ones, and their size.</summary>
public static class ClientTerminal
{
    public const int StdinFd = 0;
    public const int StdoutFd = 1;

    public static bool StdinIsTerminal => LinuxTerminal.IsTerminal(StdinFd);

    public static bool StdoutIsTerminal => LinuxTerminal.IsTerminal(StdoutFd);

    /// <summary>The window size of stdout's terminal as the API's [height, width], or null when stdout is not a terminal.</summary>
    public static uint[]? ConsoleSize() =>
        LinuxTerminal.GetSize(StdoutFd) is { } size && (size.Rows > 0 || size.Columns > 0) ? [size.Rows, size.Columns] : null;
}
