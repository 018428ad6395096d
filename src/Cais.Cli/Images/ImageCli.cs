using Cais.CommandLine;

namespace Cais.Cli.Images;

/// <summary>`cais image SUBCOMMAND` and the top-level aliases (images, tag, rmi, save, load, import, history).</summary>
public static class ImageCli
{
    delegate int Command(CliContext context, IReadOnlyList<string> args);

    static readonly Dictionary<string, (Command Run, string Summary)> Subcommands = new()
    {
        ["ls"] = (ImageListCommands.List, "List images"),
        ["list"] = (ImageListCommands.List, "List images"),
        ["inspect"] = (ImageListCommands.Inspect, "Display detailed information on one or more images"),
        ["history"] = (ImageListCommands.History, "Show the history of an image"),
        ["tag"] = (ImageRefCommands.Tag, "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE"),
        ["rm"] = (ImageRefCommands.Remove, "Remove one or more images"),
        ["remove"] = (ImageRefCommands.Remove, "Remove one or more images"),
        ["prune"] = (ImageRefCommands.Prune, "Remove unused images"),
        ["save"] = (ImageArchiveCommands.Save, "Save one or more images to a tar archive (streamed to STDOUT by default)"),
        ["load"] = (ImageArchiveCommands.Load, "Load an image from a tar archive or STDIN"),
        ["import"] = (ImageArchiveCommands.Import, "Import the contents from a tarball to create a filesystem image"),
        ["bootstrap"] = (ImageArchiveCommands.Bootstrap, "Make a base image from this machine (busybox, debian:SUITE)"),
    };

    /// <summary>Top-level verbs that are image subcommands under another name.</summary>
    public static readonly Dictionary<string, string> Aliases = new()
    {
        ["images"] = "ls", ["tag"] = "tag", ["rmi"] = "rm", ["save"] = "save", ["load"] = "load",
        ["import"] = "import", ["history"] = "history",
    };

    public static int Run(CliContext context, string sub, IReadOnlyList<string> args, string commandName)
    {
        if (!Subcommands.TryGetValue(sub, out var command))
            return CommandErrors.Usage(context.Error, "image", $"cais image: '{sub}' is not a cais image command.");
        try
        {
            return command.Run(context, args);
        }
        catch (HelpRequestedException)
        {
            context.Out.WriteLine($"Usage:  cais {commandName}\n\n{command.Summary}");
            return 0;
        }
        catch (FlagException e)
        {
            return CommandErrors.Usage(context.Error, commandName, e.Message);
        }
        catch (Exception e) when (CommandErrors.IsUserFacing(e))
        {
            context.Error.WriteLine($"Error: {CommandErrors.Describe(e)}");
            return 1;
        }
    }

    public static int RunImage(CliContext context, IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h")
        {
            context.Out.Write("Usage:  cais image COMMAND\n\nManage images\n\nCommands:\n");
            foreach (var (name, (_, summary)) in Subcommands.Where(s => s.Key is not ("list" or "remove")))
                context.Out.WriteLine($"  {name,-10} {summary}");
            return args.Count == 0 ? 1 : 0;
        }
        return Run(context, args[0], args.Skip(1).ToList(), "image " + args[0]);
    }
}
