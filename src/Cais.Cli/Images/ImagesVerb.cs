using Cais.Api.Client.Queries;
using Cais.Cli.Containers;
using Cais.Cli.Daemon;
using Cais.Cli.Format.Templates;
using Cais.CommandLine;

namespace Cais.Cli.Images;

/// <summary>`cais images` / `cais image ls [REPOSITORY[:TAG]]`: the daemon's images, a row per name.</summary>
public static class ImagesVerb
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args) => Run(cli, args, "images");

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command)
    {
        var usage = new VerbUsage(command, "[OPTIONS] [REPOSITORY[:TAG]]", "List images", ArgumentCount.AtMost(1));
        var f = new FlagSet(command);
        var all = f.Bool("all", 'a', "Show all images (default hides intermediate images)");
        var digests = f.Bool("digests", null, "Show digests");
        var filter = FilterFlag.Declare(f);
        var format = f.String("format", null, "", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates");
        var noTrunc = f.Bool("no-trunc", null, "Don't truncate output");
        var quiet = f.Bool("quiet", 'q', "Only show image IDs");
        return VerbRunner.Run(cli, usage, f, args, async rest =>
        {
            var filters = FilterFlag.Parse(filter);
            if (rest.Count == 1)
                (filters ??= new Filters()).Add("reference", rest[0]);
            var images = await cli.Client.ListImagesAsync(new ImageListOptions { All = all.Value, Filters = filters });
            var chosen = FormatOf(format.Value, quiet.Value, digests.Value);
            var needDigest = digests.Value || chosen.Contains("{{.Digest}}", StringComparison.Ordinal);
            var now = DateTimeOffset.UtcNow;
            var rows = images.SelectMany(i => ImageRow.RowsOf(i, digests.Value, needDigest, !noTrunc.Value, now)).Select(r => TemplateValue.FromObject(r));
            FormatRenderer.Render(cli.Out, chosen, rows, ImageRow.Headers, digests.Value ? ImageRow.DefaultTableFormatWithDigest : ImageRow.DefaultTableFormat);
            return 0;
        });
    }

    /// <summary>docker's NewImageFormat: quiet and --digests shape only the default table; a table of one's own gets DIGEST added with --digests.</summary>
    static string FormatOf(string format, bool quiet, bool digests)
    {
        if (format is "" or "table")
            return quiet ? "{{.ID}}" : digests ? ImageRow.DefaultTableFormatWithDigest : ImageRow.DefaultTableFormat;
        if (format.StartsWith("table", StringComparison.Ordinal) && digests && !format.Contains("{{.Digest}}", StringComparison.Ordinal))
            return format + "\t{{.Digest}}";
        return format;
    }
}
