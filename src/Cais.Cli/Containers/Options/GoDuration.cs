using System.Globalization;

namespace Cais.Cli.Containers.Options;

/// <summary>
/// Go's time.ParseDuration, for the --health-* flags: a sequence of decimal numbers with a
/// unit each ("1h30m", "1.5s", "300ms"; units ns, us, µs, ms, s, m, h), an optional sign, and
/// "0" alone without a unit. The result is in nanoseconds, as the API's HealthConfig wants it.
/// </summary>
public static class GoDuration
{
    static readonly (string Unit, long Nanos)[] Units =
    [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("μs", 1_000), ("ms", 1_000_000),
        ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ];

    public static long ParseNanoseconds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quoted = Cais.CommandLine.GoSyntax.Quote(text);
        var s = text;
        bool negative = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s == "0") return 0;
        if (s.Length == 0) throw new FormatException($"time: invalid duration {quoted}");
        decimal total = 0;
        while (s.Length > 0)
        {
            int digits = 0;
            while (digits < s.Length && (char.IsAsciiDigit(s[digits]) || s[digits] == '.')) digits++;
            if (digits == 0 || s[..digits] == "." || !decimal.TryParse(s[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                throw new FormatException($"time: invalid duration {quoted}");
            s = s[digits..];
            int unitLength = 0;
            while (unitLength < s.Length && !char.IsAsciiDigit(s[unitLength]) && s[unitLength] != '.') unitLength++;
            if (unitLength == 0) throw new FormatException($"time: missing unit in duration {quoted}");
            var unit = s[..unitLength];
            s = s[unitLength..];
            var nanos = Array.Find(Units, u => u.Unit == unit).Nanos;
            if (nanos == 0) throw new FormatException($"time: unknown unit {Cais.CommandLine.GoSyntax.Quote(unit)} in duration {quoted}");
            total += number * nanos;
            if (total > long.MaxValue) throw new FormatException($"time: invalid duration {quoted}");
        }
        var result = (long)decimal.Truncate(total);
        return negative ? -result : result;
    }

    /// <summary>How Go prints a duration for a flag default or a message: "0s", "1m30s", "1.5s", "300ms".</summary>
    public static string Format(long nanos)
    {
        if (nanos == 0) return "0s";
        var sign = nanos < 0 ? "-" : "";
        var value = Math.Abs((decimal)nanos);
        if (value < 1_000) return $"{sign}{value}ns";
        if (value < 1_000_000) return sign + Trim(value / 1_000m) + "µs";
        if (value < 1_000_000_000) return sign + Trim(value / 1_000_000m) + "ms";
        var hours = decimal.Truncate(value / 3_600_000_000_000m);
        value -= hours * 3_600_000_000_000m;
        var minutes = decimal.Truncate(value / 60_000_000_000m);
        value -= minutes * 60_000_000_000m;
        var text = sign;
        if (hours > 0) text += $"{hours}h";
        if (hours > 0 || minutes > 0) text += $"{minutes}m";
        return text + Trim(value / 1_000_000_000m) + "s";
    }

    static string Trim(decimal value) => value.ToString("0.#########", CultureInfo.InvariantCulture);
}
