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

    /// <summary>
    /// Runs the command line <paramref name="args"/>; <paramref name="engine"/> serves the roles
    /// only caisd carries (in caisd itself, or by handing the command over to it from cais), and
    /// <paramref name="verbs"/> finds the verb of a command that talks to a daemon (cais knows them
    /// all; caisd only `image bootstrap`, and hands the rest to cais, so it carries no client).
    /// </summary>
    public static int Run(string[] args, IEngineRoles engine, Func<string, DaemonVerb?> verbs)
    {
        // `cais runtime` has runc's own global flags; it takes everything after it.
        if (args.Length > 0 && args[0] == "runtime") return RuntimeCli.Run(args[1..]);
        // `cais monitor OPTIONS.json` or `cais monitor --spare EXEC-ROOT`: the daemon's, not for users.
        if (args.Length > 0 && args[0] == "monitor") return MonitorRole.Dispatch(args[1..]);
        if (args.Length > 0 && args[0] == "daemon") return engine.Daemon(args[1..]);
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
            Console.Out.Write(Usage + globals.Usage() + UsageFooter);
            return rest.Count == 0 && !help.Value ? 1 : 0;
        }
        var command0 = rest[0];
        if (command0 == "runtime") return RuntimeCli.Run([.. rest.Skip(1)]);
        if (verbs(command0) is { } daemonVerb)
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
                DataRootGiven = dataRoot.IsSet,
                Engine = engine,
            };
            return daemonVerb(cli, rest.Skip(1).ToList());
        }
        Console.Error.WriteLine($"cais: '{command0}' is not a cais command.\nSee 'cais --help'.");
        return 1;
    }

    /// <summary>The commands part of `cais --help`, in docker's layout; every daemon verb is listed (a test checks).</summary>
    public const string Usage = """
        Usage:  cais [OPTIONS] COMMAND

        A container engine that speaks Docker.

        Common Commands:
          run         Create and run a new container from an image
          exec        Execute a command in a running container
          ps          List containers
          images      List images
          version     Show the cais version information
          info        Display system-wide information

        Management Commands:
          container   Manage containers
          image       Manage images
          system      Manage cais

        Commands:
          attach      Attach local standard input, output, and error streams to a running container
          commit      Create a new image from a container's changes
          create      Create a new container
          diff        Inspect changes to files or directories on a container's filesystem
          events      Get real time events from the server
          export      Export a container's filesystem as a tar archive
          history     Show the history of an image
          import      Import the contents from a tarball to create a filesystem image
          inspect     Return low-level information on Docker objects
          kill        Kill one or more running containers
          load        Load an image from a tar archive or STDIN
          logs        Fetch the logs of a container
          pause       Pause all processes within one or more containers
          port        List port mappings or a specific mapping for the container
          rename      Rename a container
          restart     Restart one or more containers
          rm          Remove one or more containers
          rmi         Remove one or more images
          save        Save one or more images to a tar archive (streamed to STDOUT by default)
          start       Start one or more stopped containers
          stats       Display a live stream of container(s) resource usage statistics
          stop        Stop one or more running containers
          tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
          top         Display the running processes of a container
          unpause     Unpause all processes within one or more containers
          update      Update configuration of one or more containers
          wait        Block until one or more containers stop, then print their exit codes

        Other Commands:
          daemon      Run the daemon that serves the Docker Engine API
          runtime     OCI runtime, command-line compatible with runc (create, start, run, exec, ...)

        Global Options:

        """;

    const string UsageFooter = """

        Run 'cais COMMAND --help' for more information on a command.

        """;
}
