using System.Globalization;
using System.Text;

namespace Cais.Cli.Format.Templates;

/// <summary>
/// fmt.Sprintf for template values: verbs %v %T %s %d %q %t %x %X %o %b %c %U %e %E %f %F %g %G
/// and %%, flags "-+# 0", widths and precisions (also "*"). Mistakes print as Go prints them:
/// "%!d(string=abc)", "%!s(MISSING)", "%!(EXTRA int=1)", "%!(NOVERB)".
/// </summary>
static class GoPrintf
{
    sealed class Spec
    {
        public bool Minus, Plus, Sharp, Space, Zero;
        public int Width = -1, Precision = -1;
    }

    public static string Sprintf(string format, IReadOnlyList<TemplateValue> args)
    {
        var sb = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < format.Length)
        {
            char c = format[i++];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }
            var spec = new Spec();
            for (; i < format.Length; i++)
            {
                switch (format[i])
                {
                    case '-': spec.Minus = true; spec.Zero = false; continue;
                    case '+': spec.Plus = true; continue;
                    case '#': spec.Sharp = true; continue;
                    case ' ': spec.Space = true; continue;
                    case '0': spec.Zero = !spec.Minus; continue;
                }
                break;
            }
            spec.Width = ReadNumberOrStar(format, ref i, args, ref next, sb, out bool widthFromArg);
            if (widthFromArg && spec.Width < 0)
            {
                // Go: a negative * width means left-justify.
                spec.Minus = true;
                spec.Zero = false;
                spec.Width = -spec.Width;
            }
            if (i < format.Length && format[i] == '.')
            {
                i++;
                spec.Precision = ReadNumberOrStar(format, ref i, args, ref next, sb, out _);
                if (spec.Precision < 0) spec.Precision = 0;
            }
            if (i >= format.Length)
            {
                sb.Append("%!(NOVERB)");
                break;
            }
            int verb = char.ConvertToUtf32(format, i);
            i += char.IsSurrogatePair(format, i) ? 2 : 1;
            if (verb == '%')
            {
                sb.Append('%');
                continue;
            }
            if (next >= args.Count)
            {
                sb.Append("%!").Append(char.ConvertFromUtf32(verb)).Append("(MISSING)");
                continue;
            }
            AppendFormatted(sb, args[next++], verb, spec);
        }
        if (next < args.Count)
        {
            sb.Append("%!(EXTRA ");
            for (int a = next; a < args.Count; a++)
            {
                if (a > next) sb.Append(", ");
                AppendTyped(sb, args[a]);
            }
            sb.Append(')');
        }
        return sb.ToString();
    }

    static int ReadNumberOrStar(string format, ref int i, IReadOnlyList<TemplateValue> args, ref int next, StringBuilder sb, out bool fromArg)
    {
        fromArg = false;
        if (i < format.Length && format[i] == '*')
        {
            i++;
            fromArg = true;
            if (next < args.Count && args[next].Kind == TemplateValueKind.Int)
                return (int)Math.Clamp(args[next++].AsInt, -1_000_000, 1_000_000);
            if (next < args.Count) next++;
            sb.Append("%!(BADWIDTH)");
            return -1;
        }
        int start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i])) i++;
        return i == start ? -1 : int.Parse(format.AsSpan(start, Math.Min(i - start, 7)), CultureInfo.InvariantCulture);
    }

    static void AppendFormatted(StringBuilder sb, TemplateValue value, int verb, Spec spec)
    {
        if (verb == 'T')
        {
            Pad(sb, value.Kind is TemplateValueKind.Nil or TemplateValueKind.Missing ? "<nil>" : value.GoTypeName, spec, numeric: false);
            return;
        }
        switch (value.Kind)
        {
            case TemplateValueKind.Array:
                sb.Append('[');
                for (int i = 0; i < value.Count; i++)
                {
                    if (i > 0) sb.Append(' ');
                    AppendFormatted(sb, value[i], verb, spec);
                }
                sb.Append(']');
                return;
            case TemplateValueKind.Map:
                sb.Append("map[");
                bool first = true;
                foreach (var key in value.SortedKeys)
                {
                    if (!first) sb.Append(' ');
                    first = false;
                    value.TryGetEntry(key, out var entry);
                    AppendFormatted(sb, TemplateValue.FromString(key), verb, spec);
                    sb.Append(':');
                    AppendFormatted(sb, entry, verb, spec);
                }
                sb.Append(']');
                return;
        }
        string? text = value.Kind switch
        {
            TemplateValueKind.Missing or TemplateValueKind.Nil => verb == 'v' ? "<nil>" : null,
            TemplateValueKind.Bool => verb is 'v' or 't' ? (value.AsBool ? "true" : "false") : null,
            TemplateValueKind.Int => FormatInt(value.AsInt, verb, spec),
            TemplateValueKind.Float => FormatFloat(value.AsFloat, verb, spec),
            TemplateValueKind.String => FormatString(value.AsString, verb, spec),
            _ => verb is 'v' or 's' ? Truncate(value.AsObject.ToString() ?? "", spec) : null,
        };
        if (text is null)
        {
            sb.Append("%!").Append(char.ConvertFromUtf32(verb)).Append('(');
            AppendTyped(sb, value);
            sb.Append(')');
            return;
        }
        Pad(sb, text, spec, numeric: value.Kind is TemplateValueKind.Int or TemplateValueKind.Float && verb is not ('c' or 'q'));
    }

    /// <summary>"type=value" as Go writes it inside %!verb(...) and %!(EXTRA ...); nil is just "&lt;nil&gt;".</summary>
    static void AppendTyped(StringBuilder sb, TemplateValue value)
    {
        if (value.Kind is TemplateValueKind.Nil or TemplateValueKind.Missing)
        {
            sb.Append("<nil>");
            return;
        }
        sb.Append(value.GoTypeName).Append('=');
        GoFormatter.AppendV(sb, value);
    }

    static string? FormatInt(long n, int verb, Spec spec)
    {
        if (verb is 'e' or 'E' or 'f' or 'F' or 'g' or 'G')
            return FormatFloat(n, verb, spec); // JSON numbers lose Go's types; an integral float must still take %f.
        if (verb == 'c') return char.ConvertFromUtf32((int)Math.Clamp(n, 0, 0x10FFFF));
        if (verb == 'q') return GoQuote.QuoteRune((int)Math.Clamp(n, 0, 0x10FFFF));
        if (verb == 'U') return "U+" + n.ToString("X4", CultureInfo.InvariantCulture);
        ulong magnitude = n < 0 ? (ulong)(-(n + 1)) + 1 : (ulong)n;
        string digits = verb switch
        {
            'v' or 'd' => magnitude.ToString(CultureInfo.InvariantCulture),
            'x' => magnitude.ToString("x", CultureInfo.InvariantCulture),
            'X' => magnitude.ToString("X", CultureInfo.InvariantCulture),
            'o' or 'O' => Convert.ToString((long)magnitude, 8),
            'b' => Convert.ToString((long)magnitude, 2),
            _ => "",
        };
        if (digits.Length == 0) return null;
        if (spec.Precision >= 0)
            digits = spec.Precision == 0 && magnitude == 0 ? "" : digits.PadLeft(spec.Precision, '0');
        else if (spec.Zero && spec.Width > 0 && !spec.Minus)
            digits = digits.PadLeft(spec.Width - (n < 0 || spec.Plus || spec.Space ? 1 : 0) - Prefix(verb, spec).Length, '0');
        return Sign(n < 0, spec) + Prefix(verb, spec) + digits;
    }

    static string Prefix(int verb, Spec spec) => verb switch
    {
        'x' when spec.Sharp => "0x",
        'X' when spec.Sharp => "0X",
        'o' when spec.Sharp => "0",
        'O' => "0o",
        'b' when spec.Sharp => "0b",
        _ => "",
    };

    static string Sign(bool negative, Spec spec) => negative ? "-" : spec.Plus ? "+" : spec.Space ? " " : "";

    static string? FormatFloat(double d, int verb, Spec spec)
    {
        string? text = verb switch
        {
            'v' => GoFloat.FormatG(d, spec.Precision),
            'g' => GoFloat.FormatG(d, spec.Precision),
            'G' => GoFloat.FormatG(d, spec.Precision).ToUpperInvariant(),
            'e' => GoFloat.FormatE(d, spec.Precision < 0 ? 6 : spec.Precision),
            'E' => GoFloat.FormatE(d, spec.Precision < 0 ? 6 : spec.Precision, 'E'),
            'f' or 'F' => GoFloat.FormatF(d, spec.Precision < 0 ? 6 : spec.Precision),
            _ => null,
        };
        if (text is null) return null;
        bool negative = text.StartsWith('-');
        string body = negative ? text[1..] : text;
        if (spec.Zero && spec.Width > 0 && !spec.Minus && double.IsFinite(d))
            body = body.PadLeft(spec.Width - (negative || spec.Plus || spec.Space ? 1 : 0), '0');
        return Sign(negative, spec) + body;
    }

    static string? FormatString(string s, int verb, Spec spec) => verb switch
    {
        'v' or 's' => Truncate(s, spec),
        'q' => spec.Sharp && GoQuote.CanBackquote(s) ? "`" + s + "`" : GoQuote.Quote(Truncate(s, spec), asciiOnly: spec.Plus),
        'x' or 'X' => HexBytes(Truncate(s, spec), verb == 'X', spec),
        _ => null,
    };

    /// <summary>A precision on a string keeps that many characters (runes).</summary>
    static string Truncate(string s, Spec spec)
    {
        if (spec.Precision < 0) return s;
        var sb = new StringBuilder();
        int count = 0;
        foreach (var rune in s.EnumerateRunes())
        {
            if (count++ == spec.Precision) break;
            sb.Append(rune.ToString());
        }
        return sb.ToString();
    }

    static string HexBytes(string s, bool upper, Spec spec)
    {
        var sb = new StringBuilder();
        bool firstByte = true;
        foreach (byte b in Encoding.UTF8.GetBytes(s))
        {
            if (spec.Space && !firstByte) sb.Append(' ');
            if (spec.Sharp && (spec.Space || firstByte)) sb.Append(upper ? "0X" : "0x");
            sb.Append(b.ToString(upper ? "X2" : "x2", CultureInfo.InvariantCulture));
            firstByte = false;
        }
        return sb.ToString();
    }

    /// <summary>Pads to the width in runes: spaces on the left, or the right with "-"; zeros were placed by the number formatters.</summary>
    static void Pad(StringBuilder sb, string text, Spec spec, bool numeric)
    {
        int length = 0;
        foreach (var _ in text.EnumerateRunes()) length++;
        int padding = spec.Width - length;
        if (padding <= 0)
        {
            sb.Append(text);
            return;
        }
        char fill = spec.Zero && !spec.Minus && !numeric ? '0' : ' ';
        if (spec.Minus)
            sb.Append(text).Append(' ', padding);
        else
            sb.Append(fill, padding).Append(text);
    }
}
