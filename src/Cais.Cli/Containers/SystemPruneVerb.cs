using Cais.Api.Client.Queries;
using Cais.Cli.Daemon;
using Cais.Cli.Format;
using Cais.CommandLine;

namespace Cais.Cli.Containers;

/// <summary>`cais system prune [-a] [-f]`: stopped containers, then dangling (or with -a unused) images.</summary>
public static class SystemPruneVerb
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args)
    {
        var usage = new VerbUsage("system prune", "[OPTIONS]", "Remove unused data", ArgumentCount.None);
        var f = new FlagSet("system prune");
        var all = f.Bool("all", 'a', "Remove all unused images not just dangling ones");
        var filter = f.StringList("filter", null, "Provide filter values (e.g. \"label=<key>=<value>\")");
        var force = f.Bool("force", 'f', "Do not prompt for confirmation");
        f.Bool("volumes", null, "Prune anonymous volumes");
        return VerbRunner.Run(cli, usage, f, args, async _ =>
        {
            var warning = "WARNING! This will remove:\n  - all stopped containers\n"
                + (all.Value ? "  - all images without at least one container associated to them\n" : "  - all dangling images\n")
                + "\nAre you sure you want to continue?";
            if (!force.Value && !ConfirmPrompt.Ask(cli, warning))
                return 0;
            ulong reclaimed = 0;
            var containers = await cli.Client.PruneContainersAsync(FilterFlag.Parse(filter));
            if (containers.ContainersDeleted is { Count: > 0 } deletedContainers)
            {
                cli.Out.WriteLine("Deleted Containers:");
                foreach (var id in deletedContainers) cli.Out.WriteLine(id);
                cli.Out.WriteLine();
                reclaimed += containers.SpaceReclaimed;
            }
            var imageFilters = FilterFlag.Parse(filter) ?? new Filters();
            imageFilters.Add("dangling", all.Value ? "false" : "true");
            var images = await cli.Client.PruneImagesAsync(imageFilters);
            if (images.ImagesDeleted is { Count: > 0 } deletedImages)
            {
                cli.Out.WriteLine("Deleted Images:");
                foreach (var item in deletedImages)
                    cli.Out.WriteLine(item.Untagged is { Length: > 0 } untagged ? $"untagged: {untagged}" : $"deleted: {item.Deleted}");
                cli.Out.WriteLine();
                reclaimed += (ulong)Math.Max(0, images.SpaceReclaimed);
            }
            cli.Out.WriteLine($"Total reclaimed space: {HumanUnits.HumanSize(reclaimed)}");
            return 0;
        });
    }
}
