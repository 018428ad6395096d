using Cais.Api.Client.Connection;
using Cais.Cli.Daemon;
using Cais.Cli.Images;
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
        if (command0 != "image" && DaemonVerbs.TryGet(command0, out var daemonVerb))
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
            using var cli = new DaemonCli(connection, dataRoot.Value);
            return daemonVerb(cli, rest.Skip(1).ToList());
        }
        using var context = new CliContext(dataRoot.Value);
        var command = rest[0];
        var commandArgs = rest.Skip(1).ToList();
        if (command == "runtime") return RuntimeCli.Run([.. commandArgs]);
        if (command == "image") return ImageCli.RunImage(context, commandArgs);
        if (ImageCli.Aliases.TryGetValue(command, out var sub)) return ImageCli.Run(context, sub, commandArgs, command);
        Console.Error.WriteLine($"cais: '{command}' is not a cais command.\nSee 'cais --help'.");
        return 1;
    }

    const string Usage = """
        Usage:  cais COMMAND

        A container engine that speaks Docker.

        Commands:
          image       Manage images (ls, inspect, history, tag, rm, prune, save, load, import, bootstrap)
          images      List images
          history     Show the history of an image
          import      Import the contents from a tarball to create a filesystem image
          load        Load an image from a tar archive or STDIN
          rmi         Remove one or more images
          save        Save one or more images to a tar archive (streamed to STDOUT by default)
          tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
          runtime     OCI runtime, command-line compatible with runc (create, start, run, exec, ...)

        Global Options:

        Run 'cais COMMAND --help' for more information on a command.

        """;
}
