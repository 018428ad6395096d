using System.Globalization;
using System.Text;

namespace Cais.Cli.Format.Templates;

/// <summary>
/// Go's literal syntax for strings ("..." with escapes, `raw`), characters ('a') and numbers
/// (0x1F, 0o17, 0b101, 017, 1_000, 1.5e3), as strconv.Unquote and ParseInt/ParseFloat read them.
/// Errors are FormatExceptions worded as Go words them; the parser adds the line.
/// </summary>
static class GoLiterals
{
    public static string UnquoteString(string quoted)
    {
        if (quoted.Length >= 2 && quoted[0] == '`')
            return quoted[1..^1].Replace("\r", "", StringComparison.Ordinal); // Go drops \r from raw strings
        var bytes = new List<byte>(quoted.Length);
        int i = 1;
        while (i < quoted.Length - 1)
        {
            char c = quoted[i];
            if (c == '\\')
            {
                i = UnescapeInto(bytes, quoted, i, '"');
                continue;
            }
            int length = char.IsSurrogatePair(quoted, i) ? 2 : 1;
            bytes.AddRange(Encoding.UTF8.GetBytes(quoted.Substring(i, length)));
            i += length;
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    public static int UnquoteChar(string quoted)
    {
        string body = quoted[1..^1];
        if (body.Length == 0) throw new FormatException("invalid syntax: empty character constant");
        if (body[0] == '\\')
        {
            var bytes = new List<byte>();
            int end = UnescapeInto(bytes, quoted, 1, '\'');
            if (end != quoted.Length - 1) throw new FormatException($"invalid syntax: {quoted}");
            string decoded = Encoding.UTF8.GetString(bytes.ToArray());
            return bytes.Count == 1 ? bytes[0] : char.ConvertToUtf32(decoded, 0);
        }
        int rune = char.ConvertToUtf32(body, 0);
        if (body.Length != (rune > 0xFFFF ? 2 : 1)) throw new FormatException($"invalid syntax: {quoted}");
        return rune;
    }

    /// <summary>Decodes the escape at text[i] ('\\') into bytes; returns the index after it.</summary>
    static int UnescapeInto(List<byte> bytes, string text, int i, char quote)
    {
        char e = i + 1 < text.Length ? text[i + 1] : '\0';
        switch (e)
        {
            case 'a': bytes.Add(7); return i + 2;
            case 'b': bytes.Add(8); return i + 2;
            case 'f': bytes.Add(12); return i + 2;
            case 'n': bytes.Add(10); return i + 2;
            case 'r': bytes.Add(13); return i + 2;
            case 't': bytes.Add(9); return i + 2;
            case 'v': bytes.Add(11); return i + 2;
            case '\\': bytes.Add((byte)'\\'); return i + 2;
            case '"' or '\'' when e == quote: bytes.Add((byte)e); return i + 2;
            case 'x':
                bytes.Add((byte)ParseHex(text, i + 2, 2));
                return i + 4;
            case 'u' or 'U':
                int digits = e == 'u' ? 4 : 8;
                int codePoint = ParseHex(text, i + 2, digits);
                if (codePoint > 0x10FFFF || codePoint is >= 0xD800 and <= 0xDFFF)
                    throw new FormatException($"invalid syntax: escape \\{e} of an invalid code point");
                bytes.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(codePoint)));
                return i + 2 + digits;
            case >= '0' and <= '7':
                if (i + 4 > text.Length || text.AsSpan(i + 1, 3).ContainsAnyExcept("01234567"))
                    throw new FormatException("invalid syntax: octal escape needs three digits");
                int value = Convert.ToInt32(text.Substring(i + 1, 3), 8);
                if (value > 255) throw new FormatException("invalid syntax: octal escape above \\377");
                bytes.Add((byte)value);
                return i + 4;
            default:
                throw new FormatException($"invalid syntax: unknown escape \\{e}");
        }
    }

    static int ParseHex(string text, int start, int digits)
    {
        if (start + digits > text.Length ||
            !int.TryParse(text.AsSpan(start, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int value))
        {
            throw new FormatException("invalid syntax: bad hexadecimal escape");
        }
        return value;
    }

    /// <summary>strconv.ParseInt(text, 0, 64): sign, base prefix (0x, 0o, 0b, or a leading 0 for octal), underscores.</summary>
    public static bool TryParseInteger(string text, out long value, out bool overflow)
    {
        value = 0;
        overflow = false;
        string s = text.Replace("_", "", StringComparison.Ordinal);
        bool negative = s.StartsWith('-');
        if (s.Length > 0 && s[0] is '+' or '-') s = s[1..];
        int radix = 10;
        if (s.Length > 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) is 'x' or 'o' or 'b')
        {
            radix = char.ToLowerInvariant(s[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            s = s[2..];
        }
        else if (s.Length > 1 && s[0] == '0')
        {
            radix = 8;
            s = s[1..];
        }
        if (s.Length == 0) return false;
        System.Numerics.BigInteger magnitude = 0;
        foreach (char c in s)
        {
            int digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (digit >= radix) return false;
            magnitude = magnitude * radix + digit;
        }
        var signed = negative ? -magnitude : magnitude;
        if (signed < long.MinValue || signed > long.MaxValue)
        {
            overflow = true;
            return false;
        }
        value = (long)signed;
        return true;
    }

    /// <summary>A decimal float literal (1.5, .5, 1e3, 1_000.5).</summary>
    public static bool TryParseFloat(string text, out double value)
    {
        string s = text.Replace("_", "", StringComparison.Ordinal);
        value = 0;
        if (s.Length == 0 || s.Contains("0x", StringComparison.OrdinalIgnoreCase) || s.Contains("0b", StringComparison.OrdinalIgnoreCase)
            || s.Contains("0o", StringComparison.OrdinalIgnoreCase))
            return false;
        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value);
    }
}
