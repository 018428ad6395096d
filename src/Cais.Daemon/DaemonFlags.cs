using Cais.CommandLine;
using Cais.Engine;

namespace Cais.Daemon;

/// <summary>
/// <c>cais daemon</c>'s command line, named as dockerd's. Each flag that daemon.json can also set
/// knows its key there, so a setting given twice is found and refused.
/// </summary>
internal sealed class DaemonFlags
{
    public FlagSet Set { get; } = new("daemon");

    public Flag<IReadOnlyList<string>> Hosts { get; }
    public Flag<string> DataRoot { get; }
    public Flag<string> ExecRoot { get; }
    public Flag<bool> TlsVerify { get; }
    public Flag<bool> Tls { get; }
    public Flag<string> TlsCaCert { get; }
    public Flag<string> TlsCert { get; }
    public Flag<string> TlsKey { get; }
    public Flag<bool> Debug { get; }
    public Flag<string> LogLevel { get; }
    public Flag<string> PidFile { get; }
    public Flag<bool> Init { get; }
    public Flag<string> InitPath { get; }
    public Flag<string> ConfigFile { get; }
    public Flag<bool> Validate { get; }
    public Flag<bool> Version { get; }

    public DaemonFlags()
    {
        Hosts = Set.StringList("host", 'H', "Daemon socket(s) to connect to (unix:///path or tcp://host:port)");
        DataRoot = Set.String("root", null, EngineOptions.DefaultDataRoot, "Root directory of persistent cais state").Alias("data-root");
        ExecRoot = Set.String("exec-root", null, EngineOptions.DefaultExecRoot, "Root directory for execution state files");
        TlsVerify = Set.Bool("tlsverify", null, "Use TLS and verify the remote (required for tcp://)");
        Tls = Set.Bool("tls", null, "Use TLS; implied by --tlsverify");
        TlsCaCert = Set.String("tlscacert", null, Path.Combine("~", ".docker", "ca.pem"), "Trust certs signed only by this CA");
        TlsCert = Set.String("tlscert", null, Path.Combine("~", ".docker", "cert.pem"), "Path to TLS certificate file");
        TlsKey = Set.String("tlskey", null, Path.Combine("~", ".docker", "key.pem"), "Path to TLS key file");
        Debug = Set.Bool("debug", 'D', "Enable debug mode");
        LogLevel = Set.String("log-level", 'l', "info", "Set the logging level (\"debug\"|\"info\"|\"warn\"|\"error\"|\"fatal\")");
        PidFile = Set.String("pidfile", 'p', "", "Path to use for daemon PID file (default EXEC-ROOT/cais.pid)");
        Init = Set.Bool("init", null, "Run an init inside containers to forward signals and reap processes");
        InitPath = Set.String("init-path", null, "", "Path to the init binary (default: docker-init or tini-static on PATH)");
        ConfigFile = Set.String("config-file", null, DaemonOptions.DefaultConfigFile, "Daemon configuration file");
        Validate = Set.Bool("validate", null, "Validate daemon configuration and exit");
        Version = Set.Bool("version", 'v', "Print version information and quit");
    }

    /// <summary>daemon.json keys and the flags that set the same thing.</summary>
    public IEnumerable<(string Key, Flag Flag)> FileKeys()
    {
        yield return ("hosts", Hosts);
        yield return ("data-root", DataRoot);
        yield return ("exec-root", ExecRoot);
        yield return ("tlsverify", TlsVerify);
        yield return ("tls", Tls);
        yield return ("tlscacert", TlsCaCert);
        yield return ("tlscert", TlsCert);
        yield return ("tlskey", TlsKey);
        yield return ("debug", Debug);
        yield return ("log-level", LogLevel);
        yield return ("pidfile", PidFile);
        yield return ("init", Init);
        yield return ("init-path", InitPath);
    }

    /// <summary>How a flag's value prints in a conflict message, as dockerd prints it.</summary>
    public static string Describe(Flag flag) => flag switch
    {
        Flag<IReadOnlyList<string>> list => "[" + string.Join(' ', list.Value) + "]",
        Flag<bool> b => b.Value ? "true" : "false",
        Flag<string> s => s.Value,
        _ => flag.ToString() ?? "",
    };
}
