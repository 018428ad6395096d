using System.Text.RegularExpressions;

namespace Cais.Integration.Tests.Images;

/// <summary>
/// Reads the tables `images` and `history` print: a header, then rows padded into columns as
/// Go's tabwriter pads them. Cells are cut at the header's column starts rather than split on
/// spaces, because cells may hold single spaces ("IMAGE ID", "2 hours ago") or be empty
/// (history's CREATED BY of an imported image).
/// </summary>
public sealed partial class ImageTable
{
    ImageTable(string[] columns, List<Dictionary<string, string>> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    /// <summary>The header's column names, in order.</summary>
    public string[] Columns { get; }

    /// <summary>Each row as column name → trimmed cell.</summary>
    public List<Dictionary<string, string>> Rows { get; }

    /// <summary>The cells of one column, top to bottom.</summary>
    public List<string> Column(string name) => [.. Rows.Select(r => r[name])];

    public static ImageTable Parse(string stdout)
    {
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 0, "no header line in the output");
        // A column name is words joined by single spaces; columns are two or more spaces apart.
        var headers = HeaderCell().Matches(lines[0]).ToList();
        var rows = new List<Dictionary<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var row = new Dictionary<string, string>();
            for (int i = 0; i < headers.Count; i++)
            {
                int start = headers[i].Index;
                int end = i + 1 < headers.Count ? headers[i + 1].Index : line.Length;
                row[headers[i].Value] = start >= line.Length ? "" : line[start..Math.Min(end, line.Length)].Trim();
            }
            rows.Add(row);
        }
        return new ImageTable([.. headers.Select(h => h.Value)], rows);
    }

    [GeneratedRegex(@"\S+(?: \S+)*")]
    private static partial Regex HeaderCell();
}
