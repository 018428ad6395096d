using System.Net.Sockets;
using System.Text;
using Cais.Api.Client.Connection;
using Cais.Linux;
using Cais.Linux.ForkChild;

namespace Cais.Cli.Daemon;

/// <summary>
/// Starts a local daemon when the CLI needs one and none answers, so a fresh machine needs no
/// setup step: only for the default socket (a daemon chosen with -H or DOCKER_HOST is someone
/// else's to start), only for root (the daemon needs it), and not when CAIS_NO_AUTOSTART=1. The
/// daemon runs detached from the CLI: in a session of its own (a ctrl-c in this terminal must
/// not reach it), stdin from /dev/null, stdout and stderr appended to its log file.
/// </summary>
public sealed class DaemonAutostart
{
    public const string DisableVariable = "CAIS_NO_AUTOSTART";
    public const string DefaultLogPath = "/var/log/cais/daemon.log";

    const int O_APPEND = 0x400;
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    static readonly TimeSpan RaceGrace = TimeSpan.FromSeconds(2);

    /// <param name="socketPath">Where the daemon will listen.</param>
    /// <param name="executable">The cais executable to run as `cais daemon`.</param>
    /// <param name="daemonArguments">What follows the executable: "daemon" and its flags.</param>
    /// <param name="logPath">The daemon's stdout and stderr, appended.</param>
    public DaemonAutostart(string socketPath, string executable, IReadOnlyList<string> daemonArguments, string logPath)
    {
        SocketPath = socketPath;
        Executable = executable;
        DaemonArguments = daemonArguments;
        LogPath = logPath;
    }

    public string SocketPath { get; }

    public string Executable { get; }

    public IReadOnlyList<string> DaemonArguments { get; }

    public string LogPath { get; }

    /// <summary>How long to wait for the new daemon's first answer.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The autostart for a resolved endpoint, or null when it does not apply: another endpoint
    /// than the default socket, a user other than root, CAIS_NO_AUTOSTART=1.
    /// </summary>
    /// <param name="dataRoot">The global --data-root; passed on as the daemon's --root unless it is the default.</param>
    public static DaemonAutostart? For(DaemonEndpoint endpoint, string dataRoot)
    {
        if (endpoint.Transport != DaemonTransport.Unix || endpoint.SocketPath != DaemonEndpoint.DefaultSocketPath) return null;
        if (Environment.GetEnvironmentVariable(DisableVariable) == "1" || !Environment.IsPrivilegedProcess) return null;
        if (Environment.ProcessPath is null) return null;
        // caisd directly: through `cais daemon` the start would pay for two executables.
        var executable = SiblingExecutables.EnginePath;
        List<string> arguments = ["daemon"];
        if (dataRoot != CaisMain.DefaultDataRoot) arguments.AddRange(["--root", dataRoot]);
        return new DaemonAutostart(endpoint.SocketPath, executable, arguments, DefaultLogPath);
    }

    /// <summary>
    /// Makes sure a daemon answers at the socket, starting one if nothing listens there. Returns
    /// the started daemon's pid, or null when one was already there or the start failed (what
    /// went wrong is said on <paramref name="error"/>; the caller's request then fails as usual).
    /// </summary>
    public int? EnsureRunning(TextWriter error)
    {
        if (Connects()) return null;
        int pid;
        try
        {
            pid = Start();
        }
        catch (Exception e) when (e is SyscallException or ChildSetupException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"cais: could not start the daemon: {e.Message}");
            return null;
        }
        var deadline = DateTime.UtcNow + ReadyTimeout;
        int? exitCode = null;
        while (DateTime.UtcNow < deadline)
        {
            if (Answers())
            {
                if (exitCode is not null) return null; // another client's daemon won the race
                error.WriteLine($"cais: started the daemon (log: {LogPath})");
                return pid;
            }
            if (exitCode is null && Processes.TryReap(pid) is { } status)
            {
                // Ours gave up: a bad configuration, or another client's daemon took the pid file
                // a moment earlier. Give that one a little while to answer, not the whole timeout.
                exitCode = status;
                deadline = Min(deadline, DateTime.UtcNow + RaceGrace);
            }
            Thread.Sleep(PollInterval);
        }
        error.WriteLine(exitCode is { } code
            ? $"cais: the daemon exited with status {code} (log: {LogPath})"
            : $"cais: the daemon did not answer within {ReadyTimeout.TotalSeconds:0} s (log: {LogPath})");
        return null;
    }

    static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    int Start()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
        int devNull = -1, log = -1;
        try
        {
            devNull = Fds.Open("/dev/null", Flags.O_RDONLY | Flags.O_CLOEXEC);
            log = Fds.Open(LogPath, Flags.O_WRONLY | Flags.O_CREAT | O_APPEND | Flags.O_CLOEXEC, 0x1A0 /* 0640 */);
            using var program = new ChildProgram();
            program.Dup2(devNull, 0);
            program.Dup2(log, 1);
            program.Dup2(log, 2);
            program.Setsid();
            program.CloseFrom(3);
            var environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
                .Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}").ToList();
            program.Exec([Executable], [Executable, .. DaemonArguments], environment);
            using var child = ChildLauncher.Start(program);
            child.Channel.Receive(); // null once it has exec'd; a failure before exec throws
            return child.Pid;
        }
        finally
        {
            if (devNull >= 0) Fds.Close(devNull);
            if (log >= 0) Fds.Close(log);
        }
    }

    /// <summary>Something accepts connections at the socket.</summary>
    bool Connects()
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The daemon answers GET /_ping with 200.</summary>
    bool Answers()
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
            socket.ReceiveTimeout = 1000;
            socket.Send("GET /_ping HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"u8);
            var buffer = new byte[64];
            int n = socket.Receive(buffer);
            return Encoding.ASCII.GetString(buffer, 0, n).StartsWith("HTTP/1.1 200", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
