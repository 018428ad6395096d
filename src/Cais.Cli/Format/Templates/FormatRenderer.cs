namespace Cais.Cli.Format.Templates;

/// <summary>
/// A list command's --format, rendered as docker's cli/command/formatter does:
/// <list type="bullet">
/// <item>"table" (or an empty format) is the command's own default table;</item>
/// <item>"json" prints each item as one line of JSON ({{json .}});</item>
/// <item>"table TEMPLATE" prints a header row (the template run over the header names, with
/// docker's header functions) and one row per item, aligned in columns at each tab;</item>
/// <item>any other template prints once per item, each followed by a newline.</item>
/// </list>
/// As in docker, the literal two characters \t and \n in a format mean a tab and a newline,
/// and nothing is printed when any item fails: the output is built first, then written.
/// </summary>
public static class FormatRenderer
{
    const string TableKey = "table";
    const string JsonKey = "json";
    const string JsonTemplate = "{{json .}}";

    /// <param name="output">Where the rendering goes.</param>
    /// <param name="format">The user's --format.</param>
    /// <param name="items">One value per row (rows of ps, images, ...).</param>
    /// <param name="headers">Header text by field name, e.g. ID → "CONTAINER ID", Names → "NAMES".</param>
    /// <param name="defaultTableFormat">The command's default, used for "table" and an empty format, e.g. "table {{.ID}}\t{{.Image}}".</param>
    public static void Render(TextWriter output, string format, IEnumerable<TemplateValue> items,
        IReadOnlyDictionary<string, string> headers, string? defaultTableFormat = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(headers);
        if (format is null || format.Length == 0 || format == TableKey)
        {
            if (string.IsNullOrEmpty(defaultTableFormat) || defaultTableFormat == TableKey)
                throw new ArgumentException($"the {GoQuote.Quote(format ?? "")} format needs the command's default table format", nameof(defaultTableFormat));
            format = defaultTableFormat;
        }
        bool isTable = format.StartsWith(TableKey, StringComparison.Ordinal);
        var template = ParseFormat(isTable ? format[TableKey.Length..] : format == JsonKey ? JsonTemplate : format);

        var rows = new StringWriter();
        foreach (var item in items)
        {
            try
            {
                template.Execute(rows, item);
            }
            catch (TemplateException e)
            {
                throw new TemplateException($"template parsing error: {e.Message}");
            }
            rows.Write('\n');
        }
        if (!isTable)
        {
            output.Write(rows.ToString());
            return;
        }
        var table = new StringWriter();
        try
        {
            template.ExecuteHeader(table, HeaderValue(headers));
        }
        catch (TemplateException)
        {
            // docker ignores a header that fails; what was written of it stays.
        }
        table.Write('\n');
        table.Write(rows.ToString());
        output.Write(Tabulate(table.ToString()));
    }

    /// <summary>docker's preFormat: spaces trimmed, the escapes \t and \n made real.</summary>
    static GoTemplate ParseFormat(string body)
    {
        body = body.Trim(' ').Replace(@"\t", "\t", StringComparison.Ordinal).Replace(@"\n", "\n", StringComparison.Ordinal);
        try
        {
            return GoTemplate.Parse(body);
        }
        catch (TemplateException e)
        {
            throw new TemplateException($"template parsing error: {e.Message}");
        }
    }

    static TemplateValue HeaderValue(IReadOnlyDictionary<string, string> headers) => TemplateValue.FromObject(new HeaderRow(headers));

    /// <summary>Lines split at tabs into cells and laid out as docker's tabwriter does (minwidth 10, padding 3).</summary>
    static string Tabulate(string text)
    {
        var lines = text.Split('\n');
        int count = lines.Length - 1; // the text ends with a newline
        var table = new TableWriter(lines[0].Split('\t'));
        for (int i = 1; i < count; i++)
            table.Add(lines[i].Split('\t'));
        return table.ToString();
    }
}
