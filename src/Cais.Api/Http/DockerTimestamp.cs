using System.Globalization;
using System.Text.RegularExpressions;
using Cais.Engine.Errors;

namespace Cais.Api.Http;

/// <summary>
/// Times in filters and since/until parameters, as Docker's timetypes.GetTimestamp reads them: a
/// Go duration before now ("10m", "1h30m"), a date or RFC 3339 time (local time when it has no
/// zone), or Unix seconds with an optional fraction ("1700000000.5").
/// </summary>
public static partial class DockerTimestamp
{
    [GeneratedRegex(@"^([0-9]*(\.[0-9]*)?(ns|us|µs|ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex GoDuration();

    [GeneratedRegex(@"([0-9]*(?:\.[0-9]*)?)(ns|us|µs|ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex GoDurationPart();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex UnixSeconds();

    static readonly string[] Layouts =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HHK", "yyyy-MM-dd'T'HH", "yyyy-MM-ddK", "yyyy-MM-dd",
    ];

    public static DateTimeOffset Parse(string value, DateTimeOffset now, string what)
    {
        var text = value.Trim();
        if (TryParseDuration(text, out var duration)) return now - duration;
        if (UnixSeconds().IsMatch(text))
        {
            var seconds = decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }
        if (DateTimeOffset.TryParseExact(text, Layouts, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var time)) return time;
        throw new InvalidParameterException($"invalid value for {what}: failed to parse value as time or duration: \"{value}\"");
    }

    /// <summary>Go's time.ParseDuration for positive durations ("300ms", "1.5h", "2h45m").</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text.Length == 0 || !GoDuration().IsMatch(text)) return false;
        double ticks = 0;
        foreach (Match part in GoDurationPart().Matches(text))
        {
            if (!double.TryParse(part.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)) return false;
            ticks += amount * part.Groups[2].Value switch
            {
                "ns" => 0.01,
                "us" or "µs" => 10,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
        }
        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }
}
