using Cais.Cli.Daemon;
using Cais.CommandLine;

namespace Cais.Cli.Images;

/// <summary>`cais load [-i FILE] [-q]`: an image archive (file or stdin) handed to the daemon; prints what it loaded.</summary>
public static class LoadVerb
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args) => Run(cli, args, "load");

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command)
    {
        var usage = new VerbUsage(command, "[OPTIONS]", "Load an image from a tar archive or STDIN", ArgumentCount.None);
        var f = new FlagSet(command);
        var input = f.String("input", 'i', "", "Read from tar archive file, instead of STDIN");
        var quiet = f.Bool("quiet", 'q', "Suppress the load output");
        return VerbRunner.Run(cli, usage, f, args, async _ =>
        {
            if (input.Value.Length == 0 && Cais.Linux.Terminal.IsTerminal(0))
                throw new CommandException("requested load from stdin, but stdin is empty");
            Stream archive;
            try
            {
                archive = input.Value.Length > 0 ? File.OpenRead(input.Value) : Console.OpenStandardInput();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CommandException($"open {input.Value}: {e.Message}");
            }
            await using (archive)
            await using (var progress = await cli.Client.LoadImagesAsync(archive, quiet.Value))
                await ProgressPrinter.PrintAsync(cli, progress);
            return 0;
        });
    }
}
