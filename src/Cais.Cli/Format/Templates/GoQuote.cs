using System.Globalization;
using System.Text;

namespace Cais.Cli.Format.Templates;

/// <summary>Go's strconv.Quote and QuoteRune (for %q): escapes by name where Go has one, \x, \u or \U otherwise.</summary>
static class GoQuote
{
    public static string Quote(string s, bool asciiOnly = false)
    {
        var sb = new StringBuilder("\"");
        foreach (var rune in s.EnumerateRunes())
            AppendEscaped(sb, rune, '"', asciiOnly);
        return sb.Append('"').ToString();
    }

    public static string QuoteRune(int codePoint)
    {
        var rune = Rune.IsValid(codePoint) ? new Rune(codePoint) : Rune.ReplacementChar;
        var sb = new StringBuilder("'");
        AppendEscaped(sb, rune, '\'', asciiOnly: false);
        return sb.Append('\'').ToString();
    }

    /// <summary>strconv.CanBackquote: no backquote, no control characters other than tab.</summary>
    public static bool CanBackquote(string s) => !s.Any(c => c == '`' || c == '\uFEFF' || (char.IsControl(c) && c != '\t'));

    static void AppendEscaped(StringBuilder sb, Rune rune, char quote, bool asciiOnly)
    {
        int v = rune.Value;
        if (v == quote || v == '\\')
        {
            sb.Append('\\').Append((char)v);
            return;
        }
        if (asciiOnly ? v < 0x7F && v >= 0x20 : IsPrint(rune))
        {
            sb.Append(rune.ToString());
            return;
        }
        switch (v)
        {
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }
        if (v < ' ' || v == 0x7F)
            sb.Append("\\x").Append(v.ToString("x2", CultureInfo.InvariantCulture));
        else if (v < 0x10000)
            sb.Append("\\u").Append(v.ToString("x4", CultureInfo.InvariantCulture));
        else
            sb.Append("\\U").Append(v.ToString("x8", CultureInfo.InvariantCulture));
    }

    /// <summary>Close to Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    static bool IsPrint(Rune rune)
    {
        if (rune.Value == ' ') return true;
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
    }
}
