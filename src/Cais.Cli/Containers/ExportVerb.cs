using Cais.Cli.Daemon;
using Cais.Cli.Images;
using Cais.CommandLine;

namespace Cais.Cli.Containers;

/// <summary>`cais export [-o FILE] CONTAINER`: the container's filesystem as a tar, to a file or to stdout (never a terminal).</summary>
public static class ExportVerb
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args) => Run(cli, args, "export");

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command)
    {
        var usage = new VerbUsage(command, "[OPTIONS] CONTAINER", "Export a container's filesystem as a tar archive", ArgumentCount.Exactly(1));
        var f = new FlagSet(command);
        var output = f.String("output", 'o', "", "Write to a file, instead of STDOUT");
        return VerbRunner.Run(cli, usage, f, args, async rest =>
        {
            if (output.Value.Length == 0 && Cais.Linux.Terminal.IsTerminal(1))
                throw new CommandException("cowardly refusing to save to a terminal. Use the -o flag or redirect");
            await using var tar = await cli.Client.ExportContainerAsync(rest[0]);
            if (output.Value.Length == 0)
            {
                await using var stdout = Console.OpenStandardOutput();
                await tar.Body.CopyToAsync(stdout);
                return 0;
            }
            await ArchiveFile.WriteAsync(output.Value, tar.Body);
            return 0;
        });
    }
}
