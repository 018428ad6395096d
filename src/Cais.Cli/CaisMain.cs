using Cais.Api.Client.Connection;
using Cais.Cli.Daemon;
using Cais.Cli.Runtime;
using Cais.CommandLine;

namespace Cais.Cli;

/// <summary>Chooses the role `cais` plays from its first argument.</summary>
public static class CaisMain
{
    public const string Version = "0.1.0";

    public const string DefaultDataRoot = "/var/lib/cais";

    public static int Run(string[] args)
    {
        // `cais runtime` has runc's own global flags; it takes everything after it.
        if (args.Length > 0 && args[0] == "runtime") return RuntimeCli.Run(args[1..]);
        // `cais monitor OPTIONS.json`: spawned by the daemon, one per container; not for users.
        if (args is ["monitor", var monitorOptions]) return MonitorRole.Run(monitorOptions);
        if (args.Length > 0 && args[0] == "daemon") return Cais.Daemon.DaemonMain.Run(args[1..]);
        var globals = new FlagSet("cais") { Interspersed = false };
        var dataRoot = globals.String("data-root", null,
            Environment.GetEnvironmentVariable("CAIS_DATA_ROOT") ?? DefaultDataRoot, "Where images and containers are kept (env CAIS_DATA_ROOT)");
        var host = globals.String("host", 'H', "", "Daemon socket to connect to (env CAIS_HOST, DOCKER_HOST)");
        var tls = globals.Bool("tls", null, "Use TLS; implied by --tlsverify");
        var tlsVerify = globals.Bool("tlsverify", null, "Use TLS and verify the remote");
        var tlsCaCert = globals.String("tlscacert", null, "", "Trust certs signed only by this CA");
        var tlsCert = globals.String("tlscert", null, "", "Path to TLS certificate file");
        var tlsKey = globals.String("tlskey", null, "", "Path to TLS key file");
        var version = globals.Bool("version", 'v', "Print version information and quit");
        var help = globals.Bool("help", 'h', "Print usage");
        IReadOnlyList<string> rest;
        try
        {
            rest = globals.Parse(args);
        }
        catch (FlagException e)
        {
            return CommandErrors.Usage(Console.Error, "", $"cais: {e.Message}");
        }
        if (version.Value)
        {
            Console.Out.WriteLine($"cais version {Version}");
            return 0;
        }
        if (rest.Count == 0 || help.Value || rest[0] == "help")
        {
            Console.Out.Write(Usage + globals.Usage());
            return rest.Count == 0 && !help.Value ? 1 : 0;
        }
        var command0 = rest[0];
        if (command0 == "runtime") return RuntimeCli.Run([.. rest.Skip(1)]);
        if (DaemonVerbs.TryGet(command0, out var daemonVerb))
        {
            var connection = new ConnectionFlags
            {
                Host = host.Value.Length == 0 ? null : host.Value,
                Tls = tls.IsSet ? tls.Value : null,
                TlsVerify = tlsVerify.IsSet ? tlsVerify.Value : null,
                TlsCaCert = tlsCaCert.Value.Length == 0 ? null : tlsCaCert.Value,
                TlsCert = tlsCert.Value.Length == 0 ? null : tlsCert.Value,
                TlsKey = tlsKey.Value.Length == 0 ? null : tlsKey.Value,
            };
            using var cli = new DaemonCli(connection, dataRoot.Value)
            {
                DataRootGiven = dataRoot.IsSet || Environment.GetEnvironmentVariable("CAIS_DATA_ROOT") is { Length: > 0 },
            };
            return daemonVerb(cli, rest.Skip(1).ToList());
        }
        Console.Error.WriteLine($"cais: '{command0}' is not a cais command.\nSee 'cais --help'.");
        return 1;
    }

    const string Usage = """
        Usage:  cais COMMAND

        A container engine that speaks Docker.

        Commands:
          ps          List containers
          inspect     Return low-level information on Docker objects
          images      List images
          stats       Display a live stream of container(s) resource usage statistics
          events      Get real time events from the server

        Management Commands:
          container   Manage containers
          image       Manage images (ls, inspect, history, tag, rm, prune, save, load, import, bootstrap)
          system      Manage cais (df, events, info, prune)

        Also: commit, diff, export, history, import, load, pause, port, rename, rmi, save, tag, top,
        unpause, update (as in docker).

        Other Commands:
          daemon      Run the daemon that serves the Docker Engine API
          runtime     OCI runtime, command-line compatible with runc (create, start, run, exec, ...)

        Global Options:

        Run 'cais COMMAND --help' for more information on a command.

        """;
}
