using Cais.Cli.Runtime;

namespace Cais.Cli;

/// <summary>Chooses the role `cais` plays from its first argument.</summary>
public static class CaisMain
{
    public const string Version = "0.1.0";

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.Write(Usage);
            return args.Length == 0 ? 1 : 0;
        }
        switch (args[0])
        {
            case "runtime":
                return RuntimeCli.Run(args[1..]);
            case "--version" or "-v":
                Console.Out.WriteLine($"cais version {Version}");
                return 0;
            default:
                Console.Error.WriteLine($"cais: '{args[0]}' is not a cais command.\nSee 'cais --help'.");
                return 1;
        }
    }

    const string Usage = """
        Usage:  cais COMMAND

        A container engine that speaks Docker.

        Commands:
          runtime     OCI runtime, command-line compatible with runc (create, start, run, exec, ...)

        Run 'cais COMMAND --help' for more information on a command.

        """;
}
