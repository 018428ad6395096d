using Cais.Cli.Format;
using Cais.CommandLine;
using Cais.Images.Service;

namespace Cais.Cli.Images;

/// <summary>tag, rmi / image rm, image prune.</summary>
internal static class ImageRefCommands
{
    public static int Tag(CliContext c, IReadOnlyList<string> args)
    {
        var rest = new FlagSet("tag").Parse(args);
        if (rest.Count != 2) throw new FlagException("\"cais tag\" requires exactly 2 arguments.");
        c.Images.Tag(rest[0], rest[1]);
        return 0;
    }

    public static int Remove(CliContext c, IReadOnlyList<string> args)
    {
        var f = new FlagSet("rmi");
        var force = f.Bool("force", 'f', "Force removal of the image");
        var noPrune = f.Bool("no-prune", null, "Do not delete untagged parents");
        var names = f.Parse(args);
        if (names.Count == 0) throw new FlagException("\"cais rmi\" requires at least 1 argument.");
        int status = 0;
        foreach (var name in names)
        {
            try
            {
                foreach (var e in c.Images.Remove(name, force.Value, noPrune.Value)) c.Out.WriteLine(e.ToString());
            }
            catch (Exception e) when (e is ImageNotFoundException or ImageConflictException)
            {
                c.Error.WriteLine($"Error: {e.Message}");
                status = 1;
            }
        }
        return status;
    }

    public static int Prune(CliContext c, IReadOnlyList<string> args)
    {
        var f = new FlagSet("image prune");
        var all = f.Bool("all", 'a', "Remove all unused images, not just dangling ones");
        var force = f.Bool("force", 'f', "Do not prompt for confirmation");
        f.StringList("filter", null, "Provide filter values (not supported yet)");
        f.Parse(args);
        if (!force.Value)
        {
            c.Out.Write(all.Value
                ? "WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] "
                : "WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ");
            var answer = Console.In.ReadLine()?.Trim().ToLowerInvariant();
            if (answer is not ("y" or "yes")) return 0;
        }
        var result = c.Images.Prune(all.Value);
        if (result.Events.Count > 0)
        {
            c.Out.WriteLine("Deleted Images:");
            foreach (var e in result.Events) c.Out.WriteLine(e.ToString());
            c.Out.WriteLine();
        }
        c.Out.WriteLine($"Total reclaimed space: {HumanUnits.Size(result.ReclaimedBytes)}");
        return 0;
    }
}
