using Cais.Api.Client.Queries;
using Cais.Cli.Daemon;
using Cais.CommandLine;
using Cais.Images.References;

namespace Cais.Cli.Images;

/// <summary>
/// `cais import file|URL|- [REPOSITORY[:TAG]]`: a root filesystem tarball made into an image by
/// the daemon. A local file or stdin is sent as the request body; a URL the daemon downloads.
/// </summary>
public static class ImportVerb
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args) => Run(cli, args, "import");

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command)
    {
        var usage = new VerbUsage(command, "[OPTIONS] file|URL|- [REPOSITORY[:TAG]]", "Import the contents from a tarball to create a filesystem image", ArgumentCount.Between(1, 2));
        var f = new FlagSet(command);
        var changes = f.StringList("change", 'c', "Apply Dockerfile instruction to the created image");
        var message = f.String("message", 'm', "", "Set commit message for imported image");
        var platform = f.String("platform", null, "", "Set platform if server is multi-platform capable");
        return VerbRunner.Run(cli, usage, f, args, async rest =>
        {
            var source = rest[0];
            var reference = rest.Count > 1 ? rest[1] : null;
            if (reference is not null)
            {
                try
                {
                    ImageReference.ParseNamed(reference);
                }
                catch (InvalidReferenceException e)
                {
                    throw new CommandException(e.Message);
                }
            }
            bool isUrl = source.StartsWith("http://", StringComparison.Ordinal) || source.StartsWith("https://", StringComparison.Ordinal);
            var options = new ImageImportOptions
            {
                SourceUrl = isUrl ? source : null,
                // The daemon splits "name:tag" itself, as Docker's does.
                Repository = reference,
                Message = message.Value.Length > 0 ? message.Value : null,
                Changes = changes.Value,
                Platform = platform.Value.Length > 0 ? platform.Value : null,
            };
            Stream? body = null;
            try
            {
                if (source == "-") body = Console.OpenStandardInput();
                else if (!isUrl) body = File.OpenRead(source);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CommandException($"open {source}: {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file or directory" : e.Message)}");
            }
            await using (body)
            await using (var progress = await cli.Client.ImportImageAsync(options, body))
                await ProgressPrinter.PrintAsync(cli, progress);
            return 0;
        });
    }
}
