using System.Text;

namespace Cais.Cli.Format;

/// <summary>
/// Go's json.Indent: the JSON text re-laid with one value per line and the given indent, every
/// token kept exactly as written (key order, escapes, number literals), empty objects and
/// arrays kept as {} and []. `docker inspect` prints the daemon's own JSON this way.
/// </summary>
public static class JsonIndent
{
    public static string Indent(ReadOnlySpan<byte> json, string indent = "    ")
    {
        var output = new StringBuilder(json.Length * 2);
        var text = Encoding.UTF8.GetString(json);
        int depth = 0;
        bool pendingNewline = false; // after '{' or '[': a newline comes only if the value is not empty
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is ' ' or '\t' or '\n' or '\r') continue;
            if (pendingNewline && c is not ('}' or ']'))
            {
                NewLine(output, depth, indent);
            }
            pendingNewline = false;
            switch (c)
            {
                case '"':
                    int end = StringEnd(text, i);
                    output.Append(text, i, end - i + 1);
                    i = end;
                    break;
                case '{':
                case '[':
                    output.Append(c);
                    depth++;
                    pendingNewline = true;
                    break;
                case '}':
                case ']':
                    depth--;
                    // An empty value stays "{}"; otherwise the closer goes on its own line.
                    if (output.Length > 0 && output[^1] is not ('{' or '['))
                        NewLine(output, depth, indent);
                    output.Append(c);
                    break;
                case ',':
                    output.Append(',');
                    NewLine(output, depth, indent);
                    break;
                case ':':
                    output.Append(": ");
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }
        return output.ToString();
    }

    /// <summary>
    /// Go's json.Compact (and json.Marshal of raw JSON): whitespace between tokens removed; with
    /// <paramref name="escapeHtml"/>, &lt; &gt; &amp; U+2028 U+2029 in strings written as \u escapes.
    /// </summary>
    public static string Compact(ReadOnlySpan<byte> json, bool escapeHtml)
    {
        var text = Encoding.UTF8.GetString(json);
        var output = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is ' ' or '\t' or '\n' or '\r') continue;
            if (c != '"')
            {
                output.Append(c);
                continue;
            }
            int end = StringEnd(text, i);
            for (int j = i; j <= end; j++)
            {
                char s = text[j];
                if (escapeHtml && s is '<' or '>' or '&' or '\u2028' or '\u2029')
                    output.Append("\\u").Append(((int)s).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                else
                    output.Append(s);
            }
            i = end;
        }
        return output.ToString();
    }

    /// <summary>The index of the quote closing the string that opens at <paramref name="start"/>.</summary>
    static int StringEnd(string text, int start)
    {
        for (int i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == '"') return i;
        }
        throw new FormatException("the JSON text ends inside a string");
    }

    static void NewLine(StringBuilder output, int depth, string indent)
    {
        output.Append('\n');
        for (int i = 0; i < depth; i++) output.Append(indent);
    }
}
