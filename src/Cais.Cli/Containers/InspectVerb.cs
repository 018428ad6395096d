using System.Text;
using System.Text.Json.Nodes;
using Cais.Cli.Daemon;
using Cais.Cli.Format;
using Cais.Cli.Format.Templates;
using Cais.CommandLine;

namespace Cais.Cli.Containers;

/// <summary>
/// `cais inspect`, `cais container inspect`, `cais image inspect`: the daemon's JSON of each
/// object, as docker prints it (an indented array, or compact with -f json, or a template run
/// over each). Missing objects are reported after the output, and the exit status is then 1.
/// </summary>
public static class InspectVerb
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args) =>
        Run(cli, args, new VerbUsage("inspect", "[OPTIONS] NAME|ID [NAME|ID...]", "Return low-level information on Docker objects", ArgumentCount.AtLeast(1)), type: null);

    public static int RunContainer(DaemonCli cli, IReadOnlyList<string> args) =>
        Run(cli, args, new VerbUsage("container inspect", "[OPTIONS] CONTAINER [CONTAINER...]", "Display detailed information on one or more containers", ArgumentCount.AtLeast(1)), "container");

    public static int RunImage(DaemonCli cli, IReadOnlyList<string> args) =>
        Run(cli, args, new VerbUsage("image inspect", "[OPTIONS] IMAGE [IMAGE...]", "Display detailed information on one or more images", ArgumentCount.AtLeast(1)), "image");

    static int Run(DaemonCli cli, IReadOnlyList<string> args, VerbUsage usage, string? type)
    {
        var f = new FlagSet(usage.Command);
        var format = f.String("format", 'f', "", "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates");
        var size = type is null or "container" ? f.Bool("size", 's', "Display total file sizes if the type is container") : null;
        var typeFlag = type is null ? f.String("type", null, "", "Only inspect objects of the given type") : null;
        return VerbRunner.Run(cli, usage, f, args, async names =>
        {
            var wanted = type ?? (typeFlag!.Value.Length > 0 ? typeFlag.Value : null);
            if (wanted is not null && !InspectLookup.Types.Contains(wanted))
                throw new CommandException($"\"{wanted}\" is not a valid value for --type");
            var template = format.Value is "" or "json" ? null : Parse(format.Value);
            var found = new List<byte[]>();
            var errors = new List<string>();
            var rendered = new StringBuilder();
            foreach (var name in names)
            {
                var (json, error) = await InspectLookup.FindAsync(cli.Client, name, wanted, size?.Value ?? false);
                if (json is null)
                {
                    errors.Add(error!);
                    continue;
                }
                if (template is null)
                    found.Add(json);
                else if (Render(template, json) is var (text, templateError) && templateError is null)
                    rendered.Append(text).Append('\n');
                else
                    errors.Add(templateError);
            }
            if (template is not null)
                cli.Out.Write(rendered.Length == 0 ? "\n" : rendered.ToString());
            else if (format.Value == "json")
                cli.Out.Write(Compact(found));
            else
                cli.Out.Write(Indented(found));
            foreach (var error in errors)
                cli.Error.WriteLine(error);
            return errors.Count == 0 ? 0 : 1;
        });
    }

    static GoTemplate Parse(string format)
    {
        try
        {
            return GoTemplate.Parse(format.Replace(@"\t", "\t", StringComparison.Ordinal).Replace(@"\n", "\n", StringComparison.Ordinal));
        }
        catch (TemplateException e)
        {
            throw new CommandException($"template parsing error: {e.Message}");
        }
    }

    /// <summary>
    /// The template over the object's JSON; docker falls back to the raw JSON with
    /// missingkey=error, so a field that is not there is an error rather than "&lt;no value&gt;".
    /// </summary>
    static (string Text, string? Error) Render(GoTemplate template, byte[] json)
    {
        try
        {
            return (template.Execute(TemplateValue.FromJson(JsonNode.Parse(json)), MissingKey.Error), null);
        }
        catch (TemplateException e)
        {
            return ("", $"template parsing error: {e.Message}");
        }
    }

    /// <summary>docker's default output: the objects as one JSON array, indented by four spaces.</summary>
    public static string Indented(IReadOnlyList<byte[]> objects)
    {
        if (objects.Count == 0) return "[]\n";
        return JsonIndent.Indent(Array(objects)) + "\n";
    }

    /// <summary>-f json: the array on one line, as Go's json.Marshal writes raw JSON (HTML characters escaped).</summary>
    static string Compact(IReadOnlyList<byte[]> objects) => JsonIndent.Compact(Array(objects), escapeHtml: true) + "\n";

    static byte[] Array(IReadOnlyList<byte[]> objects)
    {
        using var joined = new MemoryStream();
        joined.WriteByte((byte)'[');
        for (int i = 0; i < objects.Count; i++)
        {
            if (i > 0) joined.WriteByte((byte)',');
            var json = objects[i].AsSpan().TrimEnd("\r\n \t"u8);
            joined.Write(json);
        }
        joined.WriteByte((byte)']');
        return joined.ToArray();
    }
}
