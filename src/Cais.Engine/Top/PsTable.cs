using System.Globalization;

namespace Cais.Engine.Top;

/// <summary>What `docker top` shows: ps's column titles and one row of cells per process.</summary>
public sealed record ProcessTable(List<string> Titles, List<List<string>> Processes);

/// <summary>
/// Cuts the output of the host's ps into cells and keeps the rows of a container's processes.
/// </summary>
/// <remarks>
/// ps pads its columns with spaces, and a cell may hold spaces too (a command line, a STIME of
/// "Nov 23"). So the cells are not split at every space: a column begins at its title, moved left
/// past any character that a longer, right-aligned value has put in front of the title, to the
/// nearest position blank on every line. The last column takes the rest of the line (the
/// command and its arguments). A row whose PID cell is "-" is a thread of the process above it
/// (ps -L, ps m) and goes with that process.
/// </remarks>
public static class PsTable
{
    public static ProcessTable Parse(string output, IReadOnlyCollection<int> pids)
    {
        var lines = output.Split('\n');
        var titles = Words(lines[0]);
        int pidColumn = titles.FindIndex(t => t.Text == "PID");
        if (pidColumn < 0) throw new PsFailedException("Couldn't find PID field in ps output");
        var rows = lines.Skip(1).Where(l => l.Length > 0).ToList();
        var starts = ColumnStarts(titles, rows);

        var processes = new List<List<string>>();
        bool previousIsOurs = false;
        foreach (var row in rows)
        {
            var cells = Cells(row, starts);
            var pidText = cells[pidColumn];
            if (pidText == "-")
            {
                if (previousIsOurs) processes.Add(cells);
                continue;
            }
            if (!int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                throw new PsFailedException($"Unexpected pid '{pidText}': not a number");
            previousIsOurs = pids.Contains(pid);
            if (previousIsOurs) processes.Add(cells);
        }
        return new ProcessTable([.. titles.Select(t => t.Text)], processes);
    }

    readonly record struct Word(int Start, int End, string Text);

    /// <summary>The runs of non-blank characters of a line (ASCII blanks only, as Docker splits).</summary>
    static List<Word> Words(string line)
    {
        var words = new List<Word>();
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && IsBlank(line[i])) i++;
            if (i >= line.Length) break;
            int start = i;
            while (i < line.Length && !IsBlank(line[i])) i++;
            words.Add(new Word(start, i, line[start..i]));
        }
        return words;
    }

    static bool IsBlank(char c) => c is ' ' or '\t' or '\r' or '\f';

    static int[] ColumnStarts(List<Word> titles, List<string> rows)
    {
        var starts = new int[titles.Count];
        for (int column = 1; column < titles.Count; column++)
        {
            starts[column] = titles[column].Start;
            // The nearest position left of the title that is blank on every row, but never
            // inside the previous title.
            for (int at = titles[column].Start - 1; at >= titles[column - 1].End; at--)
            {
                if (rows.All(r => at >= r.Length || IsBlank(r[at])))
                {
                    starts[column] = at;
                    break;
                }
            }
        }
        return starts;
    }

    static List<string> Cells(string row, int[] starts)
    {
        var cells = new List<string>(starts.Length);
        for (int column = 0; column < starts.Length; column++)
        {
            int from = Math.Min(starts[column], row.Length);
            int to = column + 1 < starts.Length ? Math.Min(starts[column + 1], row.Length) : row.Length;
            cells.Add(row[from..Math.Max(from, to)].Trim());
        }
        return cells;
    }
}

/// <summary>ps could not be run or its output not read (HTTP 500, as Docker).</summary>
public sealed class PsFailedException(string message) : Exception(message);
