using Cais.Api.Client.Queries;
using Cais.Api.Models.Containers;
using Cais.Cli.Daemon;
using Cais.Cli.Format.Templates;
using Cais.CommandLine;

namespace Cais.Cli.Containers;

/// <summary>`cais ps` / `cais container ls`: the daemon's container list as docker's table or a template.</summary>
public static class PsVerb
{
    const string QuietFormat = "{{.ID}}";

    public static int Run(DaemonCli cli, IReadOnlyList<string> args) => Run(cli, args, "ps");

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command)
    {
        var usage = new VerbUsage(command, "[OPTIONS]", "List containers", ArgumentCount.None);
        var f = new FlagSet(command);
        var all = f.Bool("all", 'a', "Show all containers (default shows just running)");
        var filter = FilterFlag.Declare(f);
        var format = f.String("format", null, "", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates");
        var last = f.Int("last", 'n', -1, "Show n last created containers (includes all states)");
        var latest = f.Bool("latest", 'l', "Show the latest created container (includes all states)");
        var noTrunc = f.Bool("no-trunc", null, "Don't truncate output");
        var quiet = f.Bool("quiet", 'q', "Only display container IDs");
        var size = f.Bool("size", 's', "Display total file sizes");
        return VerbRunner.Run(cli, usage, f, args, async _ =>
        {
            var filters = FilterFlag.Parse(filter);
            if (format.Value.Length > 0 && quiet.Value)
                cli.Error.WriteLine("WARNING: Ignoring custom format, because both --format and --quiet are set.");
            bool wantSize = size.Value;
            if (format.Value.Length > 0 && !quiet.Value && !wantSize && !size.IsSet)
                wantSize = TemplateUsesSize(format.Value);
            else if (format.Value.Length > 0)
                TemplateUsesSize(format.Value); // validated either way, as docker does
            int? limit = last.Value != -1 ? last.Value : latest.Value ? 1 : null;
            var containers = await cli.Client.ListContainersAsync(new ContainerListOptions
            {
                All = all.Value, Limit = limit, Size = wantSize, Filters = filters,
            });
            var now = DateTimeOffset.UtcNow;
            var rows = containers.Select(c => TemplateValue.FromObject(new ContainerRow(c, !noTrunc.Value, now)));
            FormatRenderer.Render(cli.Out, FormatOf(format.Value, quiet.Value, wantSize), rows, ContainerRow.Headers, ContainerRow.DefaultTableFormat);
            return 0;
        });
    }

    /// <summary>docker's NewContainerFormat: the default table (with SIZE when sizes were asked for), IDs only when quiet.</summary>
    static string FormatOf(string format, bool quiet, bool size)
    {
        if (quiet) return QuietFormat;
        if (format is "" or "table") return size ? ContainerRow.DefaultTableFormat + "\t{{.Size}}" : ContainerRow.DefaultTableFormat;
        return format;
    }

    /// <summary>
    /// Parses the template and runs it over an empty row, as docker does before listing: a bad
    /// template fails before the daemon is asked, and a template reading .Size turns sizes on.
    /// </summary>
    static bool TemplateUsesSize(string format)
    {
        GoTemplate template;
        try
        {
            template = GoTemplate.Parse(format);
        }
        catch (TemplateException e)
        {
            throw new CommandException($"failed to parse template: {e.Message}");
        }
        var probe = new ContainerRow(new ContainerSummary(), truncate: true, DateTimeOffset.UtcNow);
        try
        {
            template.Execute(TextWriter.Null, TemplateValue.FromObject(probe));
        }
        catch (TemplateException e)
        {
            throw new CommandException($"failed to execute template: {e.Message}");
        }
        return probe.FieldsUsed.Contains("Size");
    }
}
