using System.Globalization;
using Cais.Api.Models.Images;
using Cais.Cli.Daemon;
using Cais.Cli.Format;
using Cais.Cli.Format.Templates;
using Cais.CommandLine;

namespace Cais.Cli.Images;

/// <summary>`cais history IMAGE`: the image's layers and the steps that made them, newest first.</summary>
public static class HistoryVerb
{
    const string DefaultTableFormat = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
    const string NonHumanTableFormat = "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";

    static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ID"] = "IMAGE", ["CreatedSince"] = "CREATED", ["CreatedAt"] = "CREATED AT", ["CreatedBy"] = "CREATED BY", ["Size"] = "SIZE", ["Comment"] = "COMMENT",
    };

    public static int Run(DaemonCli cli, IReadOnlyList<string> args) => Run(cli, args, "history");

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command)
    {
        var usage = new VerbUsage(command, "[OPTIONS] IMAGE", "Show the history of an image", ArgumentCount.Exactly(1));
        var f = new FlagSet(command);
        var format = f.String("format", null, "", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates");
        var human = f.Bool("human", 'H', "Print sizes and dates in human readable format", defaultValue: true);
        var noTrunc = f.Bool("no-trunc", null, "Don't truncate output");
        var quiet = f.Bool("quiet", 'q', "Only show image IDs");
        return VerbRunner.Run(cli, usage, f, args, async rest =>
        {
            var history = await cli.Client.GetImageHistoryAsync(rest[0]);
            var chosen = format.Value is "" or "table"
                ? quiet.Value ? "{{.ID}}" : human.Value ? DefaultTableFormat : NonHumanTableFormat
                : format.Value;
            var now = DateTimeOffset.UtcNow;
            var rows = history.Select(h => TemplateValue.FromObject(new HistoryRow(h, human.Value, !noTrunc.Value, now)));
            FormatRenderer.Render(cli.Out, chosen, rows, Headers, DefaultTableFormat);
            return 0;
        });
    }

    /// <summary>One history entry with the fields of docker's historyContext.</summary>
    sealed class HistoryRow(ImageHistoryItem item, bool human, bool truncate, DateTimeOffset now) : ITemplateObject
    {
        static readonly string[] Fields = ["Comment", "CreatedAt", "CreatedBy", "CreatedSince", "ID", "Size"];

        public IEnumerable<string> FieldNames => Fields;

        public string TypeName => "*formatter.historyContext";

        public bool TryGetField(string name, out TemplateValue value)
        {
            var created = DateTimeOffset.FromUnixTimeSeconds(item.Created);
            string? text = name switch
            {
                "ID" => truncate ? (item.Id == "<missing>" ? item.Id : DisplayText.TruncateId(item.Id)) : item.Id,
                "CreatedAt" => GoTime.Rfc3339(created, TimeZoneInfo.Utc),
                "CreatedSince" => human ? HumanUnits.Ago(created.UtcDateTime, now.UtcDateTime) : GoTime.Rfc3339(created, TimeZoneInfo.Utc),
                // Tabs would break the table's columns; Dockerfile steps often hold them.
                "CreatedBy" => truncate ? DisplayText.Ellipsis(item.CreatedBy.Replace("\t", " ", StringComparison.Ordinal), 45) : item.CreatedBy,
                "Size" => human ? HumanUnits.Size(item.Size) : item.Size.ToString(CultureInfo.InvariantCulture),
                "Comment" => item.Comment,
                _ => null,
            };
            value = text is null ? default : TemplateValue.FromString(text);
            return text is not null;
        }

        public bool TryCallMethod(string name, IReadOnlyList<TemplateValue> args, out TemplateValue result)
        {
            result = default;
            return false;
        }
    }
}
