using System.Text.Json;
using Cais.Cli.Format;
using Cais.CommandLine;
using Cais.Images;
using Cais.Images.Service;

namespace Cais.Cli.Images;

/// <summary>images / image ls, image inspect, history.</summary>
internal static class ImageListCommands
{
    public static int List(CliContext c, IReadOnlyList<string> args)
    {
        var f = new FlagSet("images");
        var all = f.Bool("all", 'a', "Show all images (default hides intermediate images)");
        var quiet = f.Bool("quiet", 'q', "Only show image IDs");
        var digests = f.Bool("digests", null, "Show digests");
        var noTrunc = f.Bool("no-trunc", null, "Don't truncate output");
        var filters = f.StringList("filter", 'f', "Filter output based on conditions provided");
        var rest = f.Parse(args);
        if (rest.Count > 1) throw new FlagException("\"cais images\" requires at most 1 argument.");
        bool? dangling = null;
        var references = new List<string>();
        foreach (var filter in filters.Value)
        {
            int eq = filter.IndexOf('=');
            if (eq < 0) throw new FlagException($"bad format of filter (expected name=value): {filter}");
            var (key, value) = (filter[..eq], filter[(eq + 1)..]);
            switch (key)
            {
                case "dangling":
                    dangling = value.ToLowerInvariant() switch
                    {
                        "true" or "1" => true,
                        "false" or "0" => false,
                        _ => throw new FlagException($"Invalid filter 'dangling=[{value}]'"),
                    };
                    break;
                case "reference":
                    references.Add(value);
                    break;
                default:
                    throw new FlagException($"invalid filter '{key}'");
            }
        }
        if (rest.Count == 1) references.Add(rest[0]);
        var rows = c.Images.List(all.Value, new ImageFilter(dangling, references));
        if (quiet.Value)
        {
            foreach (var id in rows.Select(r => Id(r.Id, noTrunc.Value)).Distinct()) c.Out.WriteLine(id);
            return 0;
        }
        var table = digests.Value
            ? new TableWriter("REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE")
            : new TableWriter("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
        var now = DateTime.UtcNow;
        foreach (var r in rows)
        {
            var created = r.Created is { } t ? HumanUnits.Ago(t.UtcDateTime, now) : "N/A";
            var size = HumanUnits.Size(r.Size);
            if (digests.Value) table.Add(r.Repository, r.Tag, r.Digest ?? "<none>", Id(r.Id, noTrunc.Value), created, size);
            else table.Add(r.Repository, r.Tag, Id(r.Id, noTrunc.Value), created, size);
        }
        c.Out.Write(table.ToString());
        return 0;
    }

    static string Id(Digest id, bool noTrunc) => noTrunc ? id.ToString() : id.Short;

    public static int Inspect(CliContext c, IReadOnlyList<string> args)
    {
        var f = new FlagSet("image inspect");
        f.String("format", 'f', "", "Format output using a Go template (not supported yet)");
        var names = f.Parse(args);
        if (names.Count == 0) throw new FlagException("\"cais image inspect\" requires at least 1 argument.");
        var found = new List<ImageInspect>();
        int status = 0;
        foreach (var name in names)
        {
            try { found.Add(c.Images.Inspect(c.Images.Resolve(name))); }
            catch (ImageNotFoundException e)
            {
                c.Error.WriteLine($"Error: {e.Message}");
                status = 1;
            }
        }
        c.Out.WriteLine(JsonSerializer.Serialize(found, ImageInspectJsonContext.Default.ListImageInspect));
        return status;
    }

    public static int History(CliContext c, IReadOnlyList<string> args)
    {
        var f = new FlagSet("history");
        var human = f.Bool("human", 'H', "Print sizes and dates in human readable format", defaultValue: true);
        var noTrunc = f.Bool("no-trunc", null, "Don't truncate output");
        var quiet = f.Bool("quiet", 'q', "Only show image IDs");
        var rest = f.Parse(args);
        if (rest.Count != 1) throw new FlagException("\"cais history\" requires exactly 1 argument.");
        var rows = c.Images.History(c.Images.Resolve(rest[0]));
        if (quiet.Value)
        {
            foreach (var r in rows) c.Out.WriteLine(r.Id == "<missing>" ? r.Id : noTrunc.Value ? r.Id : Digest.Parse(r.Id).Short);
            return 0;
        }
        var table = new TableWriter("IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT");
        var now = DateTime.UtcNow;
        foreach (var r in rows)
        {
            var id = r.Id == "<missing>" || noTrunc.Value ? r.Id : Digest.Parse(r.Id).Short;
            var created = r.Created is not { } t ? "N/A" : human.Value ? HumanUnits.Ago(t.UtcDateTime, now) : Rfc3339Text(t);
            var by = noTrunc.Value ? r.CreatedBy : Ellipsis(r.CreatedBy.Replace("\t", " "), 45);
            var size = human.Value ? HumanUnits.Size(r.Size) : r.Size.ToString();
            table.Add(id, created, by, size, r.Comment);
        }
        c.Out.Write(table.ToString());
        return 0;
    }

    static string Rfc3339Text(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:sszzz");

    /// <summary>The docker CLI's truncation: at most <paramref name="max"/> characters, the last an ellipsis.</summary>
    static string Ellipsis(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
