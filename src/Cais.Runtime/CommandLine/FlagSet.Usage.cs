using System.Text;

namespace Cais.CommandLine;

// The options block of help output, laid out as pflag's FlagUsages lays it out (and so as
// `docker run --help` shows it).
public sealed partial class FlagSet
{
    /// <summary>
    /// One line per visible flag: <c>  -d, --detach        Run container in background</c>, with
    /// the value name after the flag (<c>--name string</c>; a backquoted word in the usage text
    /// replaces it, as in pflag) and non-zero defaults after the text. Hidden and deprecated
    /// flags are left out.
    /// </summary>
    public string Usage()
    {
        var visible = _flags.Where(f => !f.Hidden).ToList();
        if (SortFlags)
            visible.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));

        var lines = new List<(string Left, string Right)>(visible.Count);
        foreach (var flag in visible)
        {
            var left = flag.Shorthand is { } c ? $"  -{c}, --{flag.Name}" : $"      --{flag.Name}";
            var (valueName, text) = UnquoteUsage(flag);
            if (valueName.Length > 0)
                left += " " + valueName;
            left += ImplicitValueSuffix(flag);
            if (flag.DefaultText is { } defaultText)
                text += flag.QuotesDefault ? $" (default {GoSyntax.Quote(defaultText)})" : $" (default {defaultText})";
            lines.Add((left, text));
        }

        // pflag pads every left column to the longest one plus three spaces.
        var width = lines.Count == 0 ? 0 : lines.Max(l => l.Left.Length);
        var sb = new StringBuilder();
        foreach (var (left, right) in lines)
            sb.Append(left).Append(' ', width - left.Length + 3).Append(right).Append('\n');
        return sb.ToString();
    }

    // pflag's UnquoteUsage: a `backquoted` word in the usage names the value and loses its quotes.
    static (string ValueName, string Text) UnquoteUsage(Flag flag)
    {
        var usage = flag.Usage;
        var start = usage.IndexOf('`');
        if (start >= 0)
        {
            var end = usage.IndexOf('`', start + 1);
            if (end > start)
            {
                var name = usage[(start + 1)..end];
                return (name, usage[..start] + name + usage[(end + 1)..]);
            }
        }
        return (flag.TypeName == "bool" ? "" : flag.TypeName, usage);
    }

    static string ImplicitValueSuffix(Flag flag)
    {
        if (flag.ImplicitValue is not { } value)
            return "";
        return flag.TypeName switch
        {
            "bool" => value == "true" ? "" : $"[={value}]",
            "string" => $"[={GoSyntax.Quote(value)}]",
            _ => $"[={value}]",
        };
    }
}
