using Cais.Api.Client.Queries;
using Cais.Cli.Containers;
using Cais.Cli.Daemon;
using Cais.Cli.Format;
using Cais.CommandLine;

namespace Cais.Cli.Images;

/// <summary>`cais image prune [-a] [-f]`: dangling images, or with -a every image no container uses.</summary>
public static class ImagePruneVerb
{
    const string DanglingWarning = "WARNING! This will remove all dangling images.\nAre you sure you want to continue?";
    const string AllWarning = "WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue?";

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command = "image prune")
    {
        var usage = new VerbUsage(command, "[OPTIONS]", "Remove unused images", ArgumentCount.None);
        var f = new FlagSet(command);
        var all = f.Bool("all", 'a', "Remove all unused images, not just dangling ones");
        var filter = f.StringList("filter", null, "Provide filter values (e.g. \"until=<timestamp>\")");
        var force = f.Bool("force", 'f', "Do not prompt for confirmation");
        return VerbRunner.Run(cli, usage, f, args, async _ =>
        {
            var filters = FilterFlag.Parse(filter) ?? new Filters();
            filters.Add("dangling", all.Value ? "false" : "true");
            if (!force.Value && !ConfirmPrompt.Ask(cli, all.Value ? AllWarning : DanglingWarning))
                return 0;
            var report = await cli.Client.PruneImagesAsync(filters);
            long reclaimed = 0;
            if (report.ImagesDeleted is { Count: > 0 } deleted)
            {
                cli.Out.WriteLine("Deleted Images:");
                foreach (var item in deleted)
                    cli.Out.WriteLine(item.Untagged is { Length: > 0 } untagged ? $"untagged: {untagged}" : $"deleted: {item.Deleted}");
                cli.Out.WriteLine();
                reclaimed = report.SpaceReclaimed;
            }
            cli.Out.WriteLine($"Total reclaimed space: {HumanUnits.HumanSize(reclaimed)}");
            return 0;
        });
    }
}
