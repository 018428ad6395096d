using System.Globalization;
using System.Text;

namespace Cais.CommandLine;

/// <summary>
/// Go's strconv rules for the values pflag accepts, with Go's error wording: ParseBool,
/// ParseInt/ParseUint with base 0 (0x, 0o, 0b and leading-0 octal prefixes, '_' separators),
/// and Quote, which is what <c>%q</c> prints in pflag's messages.
/// </summary>
public static class GoSyntax
{
    /// <summary>strconv.ParseBool: 1, t, T, TRUE, true, True and their false counterparts.</summary>
    public static bool ParseBool(string s) => s switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => throw SyntaxError("ParseBool", s),
    };

    /// <summary>strconv.ParseInt(s, 0, bitSize).</summary>
    public static long ParseInt(string s, int bitSize)
    {
        if (s.Length == 0)
            throw SyntaxError("ParseInt", s);
        var negative = s[0] == '-';
        var digits = s[0] is '-' or '+' ? s[1..] : s;
        var magnitude = ParseMagnitude(digits, s, "ParseInt", 64);
        var cutoff = 1UL << (bitSize - 1);
        if (!negative && magnitude >= cutoff)
            throw RangeError("ParseInt", s);
        if (negative && magnitude > cutoff)
            throw RangeError("ParseInt", s);
        return negative ? (long)(0UL - magnitude) : (long)magnitude;
    }

    /// <summary>strconv.ParseUint(s, 0, bitSize): no sign allowed.</summary>
    public static ulong ParseUint(string s, int bitSize) => ParseMagnitude(s, s, "ParseUint", bitSize);

    /// <summary>strconv.Quote: a double-quoted Go string literal.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var rune in s.EnumerateRunes())
            AppendEscaped(sb, rune, '"');
        return sb.Append('"').ToString();
    }

    /// <summary>strconv.QuoteRune: a single-quoted Go rune literal, as <c>%q</c> prints a byte.</summary>
    public static string Quote(char c)
    {
        var sb = new StringBuilder(4).Append('\'');
        AppendEscaped(sb, Rune.IsValid(c) ? new Rune(c) : Rune.ReplacementChar, '\'');
        return sb.Append('\'').ToString();
    }

    static void AppendEscaped(StringBuilder sb, Rune rune, char quote)
    {
        switch (rune.Value)
        {
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
            case '\\': sb.Append("\\\\"); return;
        }
        if (rune.Value == quote)
        {
            sb.Append('\\').Append(quote);
            return;
        }
        var category = Rune.GetUnicodeCategory(rune);
        var printable = category is not (UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
        if (printable)
            sb.Append(rune.ToString());
        else if (rune.Value < 0x80)
            sb.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
        else if (rune.Value < 0x10000)
            sb.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
        else
            sb.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}");
    }

    // Go's ParseUint with base 0; `original` is what the error message quotes.
    static ulong ParseMagnitude(string s, string original, string function, int bitSize)
    {
        if (s.Length == 0)
            throw SyntaxError(function, original);
        var body = s;
        var numberBase = 10UL;
        if (s[0] == '0')
        {
            if (s.Length >= 3 && char.ToLowerInvariant(s[1]) is 'b' or 'o' or 'x')
            {
                numberBase = char.ToLowerInvariant(s[1]) switch { 'b' => 2UL, 'o' => 8UL, _ => 16UL };
                body = s[2..];
            }
            else
            {
                numberBase = 8;
                body = s[1..];
            }
        }

        var max = bitSize == 64 ? ulong.MaxValue : (1UL << bitSize) - 1;
        var cutoff = ulong.MaxValue / numberBase + 1;
        var sawUnderscore = false;
        ulong n = 0;
        foreach (var c in body)
        {
            if (c == '_')
            {
                sawUnderscore = true;
                continue;
            }
            var digit = DigitValue(c);
            if (digit >= numberBase)
                throw SyntaxError(function, original);
            if (n >= cutoff)
                throw RangeError(function, original);
            n *= numberBase;
            var next = n + digit;
            if (next < n || next > max)
                throw RangeError(function, original);
            n = next;
        }
        if (sawUnderscore && !UnderscoreOk(s))
            throw SyntaxError(function, original);
        return n;
    }

    static ulong DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => (ulong)(c - '0'),
        >= 'a' and <= 'z' => (ulong)(c - 'a' + 10),
        >= 'A' and <= 'Z' => (ulong)(c - 'A' + 10),
        _ => ulong.MaxValue,
    };

    // Go's underscoreOK: '_' may only separate digits (a base prefix counts as a digit).
    static bool UnderscoreOk(string s)
    {
        var saw = '^';
        var i = 0;
        var hex = false;
        if (s.Length >= 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) is 'b' or 'o' or 'x')
        {
            i = 2;
            saw = '0';
            hex = char.ToLowerInvariant(s[1]) == 'x';
        }
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c is >= '0' and <= '9' || hex && char.ToLowerInvariant(c) is >= 'a' and <= 'f')
            {
                saw = '0';
                continue;
            }
            if (c == '_')
            {
                if (saw != '0')
                    return false;
                saw = '_';
                continue;
            }
            if (saw == '_')
                return false;
            saw = '!';
        }
        return saw != '_';
    }

    static FormatException SyntaxError(string function, string s) =>
        new($"strconv.{function}: parsing {Quote(s)}: invalid syntax");

    static FormatException RangeError(string function, string s) =>
        new($"strconv.{function}: parsing {Quote(s)}: value out of range");
}
