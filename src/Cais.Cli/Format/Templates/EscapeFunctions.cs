using System.Globalization;
using System.Text;

namespace Cais.Cli.Format.Templates;

/// <summary>html, js and urlquery: Go's HTMLEscapeString, JSEscapeString and url.QueryEscape of the arguments' fmt.Sprint.</summary>
static class EscapeFunctions
{
    /// <summary>One string argument is used as it is; anything else goes through fmt.Sprint.</summary>
    public static string JoinArgs(TemplateValue[] args) =>
        args.Length == 1 && args[0].Kind == TemplateValueKind.String ? args[0].AsString : GoFormatter.Sprint(args);

    public static string Html(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s)
        {
            sb.Append(c switch
            {
                '"' => "&#34;",
                '\'' => "&#39;",
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\0' => "\uFFFD",
                _ => null,
            } ?? c.ToString());
        }
        return sb.ToString();
    }

    public static string JavaScript(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var rune in s.EnumerateRunes())
        {
            int r = rune.Value;
            switch (r)
            {
                case '\\': sb.Append(@"\\"); continue;
                case '\'': sb.Append(@"\'"); continue;
                case '"': sb.Append("\\\""); continue;
                case '<': sb.Append(@"\u003C"); continue;
                case '>': sb.Append(@"\u003E"); continue;
                case '&': sb.Append(@"\u0026"); continue;
                case '=': sb.Append(@"\u003D"); continue;
            }
            if (r < ' ')
                sb.Append(@"\u00").Append(r.ToString("X2", CultureInfo.InvariantCulture));
            else if (r < 0x80 || !IsUnprintable(rune))
                sb.Append(rune.ToString());
            else
                sb.Append(@"\u").Append(r.ToString("X4", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    static bool IsUnprintable(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>url.QueryEscape: letters, digits and "-_.~" kept, space as "+", every other byte as %XX.</summary>
    public static string UrlQuery(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(s))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
                sb.Append((char)b);
            else if (b == ' ')
                sb.Append('+');
            else
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
