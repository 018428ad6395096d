namespace Cais.Engine.Logs;

/// <summary>
/// Go's time.ParseDuration, which Docker's --since and --until accept: a signed sequence of
/// decimal numbers, each with a unit (ns, us, µs, ms, s, m, h), such as "10m", "1.5h", "2h45m".
/// "0" alone is zero; no unit otherwise is an error.
/// </summary>
static class GoDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var s = text.AsSpan();
        bool negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.SequenceEqual("0")) return true;
        if (s.IsEmpty) return false;
        decimal total = 0; // nanoseconds; decimal keeps "1.1h" exact
        while (!s.IsEmpty)
        {
            int digits = 0;
            while (digits < s.Length && char.IsAsciiDigit(s[digits])) digits++;
            var whole = s[..digits];
            s = s[digits..];
            var fraction = ReadOnlySpan<char>.Empty;
            if (!s.IsEmpty && s[0] == '.')
            {
                int end = 1;
                while (end < s.Length && char.IsAsciiDigit(s[end])) end++;
                fraction = s[1..end];
                s = s[end..];
            }
            if (whole.IsEmpty && fraction.IsEmpty) return false; // "." or a unit without a number
            if (whole.Length > 19) return false; // more than 2^63 of any unit
            int unitLength = 0;
            while (unitLength < s.Length && s[unitLength] != '.' && !char.IsAsciiDigit(s[unitLength])) unitLength++;
            decimal? unit = s[..unitLength] switch
            {
                "ns" => 1m,
                "us" or "\u00b5s" or "\u03bcs" => 1_000m,
                "ms" => 1_000_000m,
                "s" => 1_000_000_000m,
                "m" => 60_000_000_000m,
                "h" => 3_600_000_000_000m,
                _ => null,
            };
            if (unit is null) return false;
            s = s[unitLength..];
            decimal value = 0;
            foreach (char c in whole) value = value * 10 + (c - '0');
            decimal scale = 0.1m;
            foreach (char c in fraction[..Math.Min(fraction.Length, 20)])
            {
                value += (c - '0') * scale;
                scale /= 10;
            }
            if (value > long.MaxValue / unit.Value) return false;
            total += value * unit.Value;
            if (total > long.MaxValue) return false; // Go: "invalid duration" past 2^63-1 ns
        }
        long nanoseconds = (long)total;
        duration = TimeSpan.FromTicks((negative ? -nanoseconds : nanoseconds) / 100);
        return true;
    }
}
