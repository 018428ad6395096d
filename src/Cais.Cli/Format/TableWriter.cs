using System.Text;

namespace Cais.Cli.Format;

/// <summary>
/// Columns laid out as the docker CLI's tables are (Go text/tabwriter with minwidth 10, padding 3,
/// padded with spaces): every column but the last is as wide as its widest cell plus 3, at least 10.
/// </summary>
public sealed class TableWriter
{
    const int Padding = 3;
    readonly List<string[]> rows = [];
    readonly int minWidth = 10;

    public TableWriter(params string[] header) => rows.Add(header);

    /// <summary>A table whose columns are at least <paramref name="minWidth"/> wide (`top` uses 20).</summary>
    public static TableWriter WithMinWidth(int minWidth, params string[] header) => new(header, minWidth);

    TableWriter(string[] header, int minWidth)
    {
        rows.Add(header);
        this.minWidth = minWidth;
    }

    public void Add(params string[] cells) => rows.Add(cells);

    public int Count => rows.Count - 1;

    public override string ToString()
    {
        int columns = rows.Max(r => r.Length);
        var widths = new int[columns];
        foreach (var r in rows)
            for (int i = 0; i < r.Length - 1; i++)
                widths[i] = Math.Max(widths[i], Math.Max(minWidth, r[i].Length + Padding));
        var sb = new StringBuilder();
        foreach (var r in rows)
        {
            for (int i = 0; i < r.Length; i++)
                sb.Append(i == r.Length - 1 ? r[i] : r[i].PadRight(widths[i]));
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
