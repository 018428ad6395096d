using System.Globalization;
using System.Text.RegularExpressions;

namespace Cais.Cli.Containers;

/// <summary>
/// The --since and --until values of events (and logs), turned into what the API takes as docker's
/// GetTimestamp turns them: a Go duration ("10m", "1h30m") counts back from now; a date or RFC 3339
/// time ("2024-05-01", "2024-05-01T10:00", "2024-05-01T10:00:00.5+02:00") is read in the local
/// zone unless it names one; a Unix timestamp ("1714557600.5") is passed on as it is.
/// </summary>
public static partial class TimestampArgument
{
    public static string Parse(string value, DateTimeOffset now)
    {
        if (value != "0" && TryParseGoDuration(value, out var duration))
            return (now - duration).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        if (TryParseDate(value, out var time))
        {
            var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
            var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var fraction);
            return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{fraction * 100:D9}");
        }
        if (value.Contains('-', StringComparison.Ordinal))
            throw new FormatException($"parsing time \"{value}\": cannot parse it as an RFC 3339 time or a date");
        if (!UnixPattern().IsMatch(value))
            throw new FormatException($"failed to parse value as time or duration: \"{value}\"");
        return value;
    }

    /// <summary>Go's time.ParseDuration: an optional sign, then numbers each with a unit (ns, us, µs, ms, s, m, h).</summary>
    public static bool TryParseGoDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = DurationPattern().Match(text);
        if (!match.Success || text is "" or "+" or "-") return false;
        if (text.TrimStart('+', '-') == "0") return true;
        double totalNanos = 0;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var m = PartPattern().Match(part.Value);
            var number = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            totalNanos += number * m.Groups[2].Value switch
            {
                "ns" => 1, "us" or "µs" or "μs" => 1e3, "ms" => 1e6, "s" => 1e9, "m" => 60e9, "h" => 3600e9, _ => 0,
            };
        }
        if (match.Groups["part"].Captures.Count == 0) return false;
        duration = TimeSpan.FromTicks((long)(totalNanos / 100));
        if (text.StartsWith('-')) duration = -duration;
        return true;
    }

    static readonly string[] ZonedFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HHK", "yyyy-MM-ddK",
    ];

    static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH", "yyyy-MM-dd",
    ];

    static bool TryParseDate(string value, out DateTimeOffset time)
    {
        // As in docker: a Z, a + or three dashes (a negative offset) means the zone is given.
        bool zoned = value.IndexOfAny(['z', 'Z', '+']) >= 0 || value.Count(c => c == '-') == 3;
        if (zoned)
            return DateTimeOffset.TryParseExact(value.Replace('z', 'Z'), ZonedFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
        if (DateTime.TryParseExact(value, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var local))
        {
            time = new DateTimeOffset(local);
            return true;
        }
        time = default;
        return false;
    }

    [GeneratedRegex(@"^[+-]?(?<part>(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[+-]?0$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)$")]
    private static partial Regex PartPattern();

    [GeneratedRegex(@"^\d+(\.\d+)?$")]
    private static partial Regex UnixPattern();
}
