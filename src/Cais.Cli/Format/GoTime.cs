using System.Globalization;

namespace Cais.Cli.Format;

/// <summary>Times written as Go's time package writes them in the docker CLI's output, in the local time zone.</summary>
public static class GoTime
{
    /// <summary>Go's Time.String() of time.Unix(seconds, 0): "2026-11-23 16:43:09 +0000 UTC".</summary>
    public static string UnixString(long seconds, TimeZoneInfo? zone = null)
    {
        var local = Local(DateTimeOffset.FromUnixTimeSeconds(seconds), zone ?? TimeZoneInfo.Local);
        return local.ToString("yyyy-MM-dd HH:mm:ss ", CultureInfo.InvariantCulture) + NumericOffset(local.Offset, colon: false)
            + " " + Abbreviation(local, zone ?? TimeZoneInfo.Local);
    }

    /// <summary>Go's time.RFC3339 ("2006-01-02T15:04:05Z07:00") in the local zone.</summary>
    public static string Rfc3339(DateTimeOffset time, TimeZoneInfo? zone = null)
    {
        var local = Local(time, zone ?? TimeZoneInfo.Local);
        return local.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + ZoneSuffix(local.Offset);
    }

    /// <summary>docker's RFC3339NanoFixed ("2006-01-02T15:04:05.000000000Z07:00") of Unix nanoseconds, in the local zone.</summary>
    public static string Rfc3339NanoFixed(long unixNanoseconds, TimeZoneInfo? zone = null)
    {
        var seconds = Math.DivRem(unixNanoseconds, 1_000_000_000L, out var nanos);
        if (nanos < 0)
        {
            seconds--;
            nanos += 1_000_000_000L;
        }
        var local = Local(DateTimeOffset.FromUnixTimeSeconds(seconds), zone ?? TimeZoneInfo.Local);
        return local.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)
            + "." + nanos.ToString("D9", CultureInfo.InvariantCulture) + ZoneSuffix(local.Offset);
    }

    static DateTimeOffset Local(DateTimeOffset time, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(time, zone);

    static string ZoneSuffix(TimeSpan offset) => offset == TimeSpan.Zero ? "Z" : NumericOffset(offset, colon: true);

    static string NumericOffset(TimeSpan offset, bool colon)
    {
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return $"{sign}{offset.Hours:00}{(colon ? ":" : "")}{offset.Minutes:00}";
    }

    /// <summary>
    /// The zone's abbreviation ("UTC", "CET") as Go prints it; where the system gives only a
    /// long name, Go's fallback for a zone without one ("+01", "-0330").
    /// </summary>
    static string Abbreviation(DateTimeOffset local, TimeZoneInfo zone)
    {
        if (zone.Id is "UTC" or "Etc/UTC" or "Etc/Universal" or "Universal" or "Zulu" or "Etc/Zulu" || zone == TimeZoneInfo.Utc)
            return "UTC";
        var name = zone.IsDaylightSavingTime(local) ? zone.DaylightName : zone.StandardName;
        if (name.Length is > 0 and <= 6 && !name.Contains(' ', StringComparison.Ordinal))
            return name;
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return offset.Minutes == 0 ? $"{sign}{offset.Hours:00}" : $"{sign}{offset.Hours:00}{offset.Minutes:00}";
    }
}
