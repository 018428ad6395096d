using Cais.Cli.Daemon;
using Cais.Cli.Format;
using Cais.CommandLine;

namespace Cais.Cli.Containers;

/// <summary>`cais container prune [-f] [--filter]`: removes every stopped container.</summary>
public static class ContainerPruneVerb
{
    const string Warning = "WARNING! This will remove all stopped containers.\nAre you sure you want to continue?";

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command = "container prune")
    {
        var usage = new VerbUsage(command, "[OPTIONS]", "Remove all stopped containers", ArgumentCount.None);
        var f = new FlagSet(command);
        var filter = f.StringList("filter", null, "Provide filter values (e.g. \"until=<timestamp>\")");
        var force = f.Bool("force", 'f', "Do not prompt for confirmation");
        return VerbRunner.Run(cli, usage, f, args, async _ =>
        {
            var filters = FilterFlag.Parse(filter);
            if (!force.Value && !ConfirmPrompt.Ask(cli, Warning))
                return 0;
            var report = await cli.Client.PruneContainersAsync(filters);
            ulong reclaimed = 0;
            if (report.ContainersDeleted is { Count: > 0 } deleted)
            {
                cli.Out.WriteLine("Deleted Containers:");
                foreach (var id in deleted)
                    cli.Out.WriteLine(id);
                cli.Out.WriteLine();
                reclaimed = report.SpaceReclaimed;
            }
            cli.Out.WriteLine($"Total reclaimed space: {HumanUnits.HumanSize(reclaimed)}");
            return 0;
        });
    }
}
