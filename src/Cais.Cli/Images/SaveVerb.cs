using Cais.Cli.Daemon;
using Cais.CommandLine;

namespace Cais.Cli.Images;

/// <summary>
/// `cais save [-o FILE] IMAGE...`: the daemon's docker-archive of the images, to a file or to
/// stdout (never to a terminal). A file is written beside its target and renamed into place, so
/// a failed save leaves no half archive.
/// </summary>
public static class SaveVerb
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args) => Run(cli, args, "save");

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command)
    {
        var usage = new VerbUsage(command, "[OPTIONS] IMAGE [IMAGE...]", "Save one or more images to a tar archive (streamed to STDOUT by default)", ArgumentCount.AtLeast(1));
        var f = new FlagSet(command);
        var output = f.String("output", 'o', "", "Write to a file, instead of STDOUT");
        return VerbRunner.Run(cli, usage, f, args, async names =>
        {
            if (output.Value.Length == 0 && Cais.Linux.Terminal.IsTerminal(1))
                throw new CommandException("cowardly refusing to save to a terminal. Use the -o flag or redirect");
            await using var archive = await cli.Client.SaveImagesAsync(names);
            if (output.Value.Length == 0)
            {
                await using var stdout = Console.OpenStandardOutput();
                await archive.Body.CopyToAsync(stdout);
                return 0;
            }
            await ArchiveFile.WriteAsync(output.Value, archive.Body);
            return 0;
        });
    }
}
