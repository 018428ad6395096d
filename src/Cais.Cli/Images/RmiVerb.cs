using Cais.Api.Client;
using Cais.Cli.Daemon;
using Cais.CommandLine;

namespace Cais.Cli.Images;

/// <summary>`cais rmi` / `cais image rm`: "Untagged: ..." and "Deleted: ..." for each image; failures reported after.</summary>
public static class RmiVerb
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args) => Run(cli, args, "rmi");

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command)
    {
        var usage = new VerbUsage(command, "[OPTIONS] IMAGE [IMAGE...]", "Remove one or more images", ArgumentCount.AtLeast(1));
        var f = new FlagSet(command);
        var force = f.Bool("force", 'f', "Force removal of the image");
        var noPrune = f.Bool("no-prune", null, "Do not delete untagged parents");
        return VerbRunner.Run(cli, usage, f, args, async names =>
        {
            var errors = new List<string>();
            foreach (var name in names)
            {
                try
                {
                    foreach (var item in await cli.Client.RemoveImageAsync(name, force.Value, noPrune.Value))
                        cli.Out.WriteLine(item.Deleted is { } deleted ? $"Deleted: {deleted}" : $"Untagged: {item.Untagged}");
                }
                catch (EngineApiException e)
                {
                    errors.Add($"Error response from daemon: {e.Message}");
                }
            }
            foreach (var error in errors)
                cli.Error.WriteLine(error);
            return errors.Count == 0 ? 0 : 1;
        });
    }
}
