using Cais.Cli.Daemon;
using Cais.Cli.Format;

namespace Cais.Cli.Containers;

/// <summary>`cais top CONTAINER [ps OPTIONS]`: the container's processes, as the daemon's ps shows them.</summary>
public static class TopVerb
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args) => Run(cli, args, "top");

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command)
    {
        var usage = new VerbUsage(command, "CONTAINER [ps OPTIONS]", "Display the running processes of a container", ArgumentCount.AtLeast(1));
        // Everything after the container is for ps ("top web -o pid,comm"), not for cais.
        var flags = new Cais.CommandLine.FlagSet(command) { Interspersed = false };
        return VerbRunner.Run(cli, usage, flags, args, async rest =>
        {
            var psArgs = rest.Count > 1 ? string.Join(' ', rest.Skip(1)) : null;
            var top = await cli.Client.TopContainerAsync(rest[0], psArgs);
            // docker's top table: Go's tabwriter with a minimum column width of 20.
            var table = TableWriter.WithMinWidth(20, [.. top.Titles ?? []]);
            foreach (var process in top.Processes ?? [])
                table.Add([.. process]);
            cli.Out.Write(table.ToString());
            return 0;
        });
    }
}
