using System.Globalization;

namespace Cais.Engine.Logs;

/// <summary>
/// The times `docker logs --since/--until` accept (Docker's timetypes.GetTimestamp), and what
/// the API's since/until query parameters carry:
/// a Go duration before now ("10m", "1h30m"); an RFC 3339 date or time, complete or cut short
/// ("2026-11-23", "2026-11-23T10", "2026-11-23T10:11", "2026-11-23T10:11:12.5"), with "Z" or
/// an offset, or else in the caller's zone; or Unix seconds with an optional fraction
/// ("1763892672", "1763892672.123456789").
/// </summary>
public static class LogTimeFilter
{
    /// <param name="now">The reference for durations; its offset is the zone of times given without one.</param>
    /// <exception cref="InvalidLogArgumentException">The text is none of these.</exception>
    public static DateTimeOffset Parse(string value, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value != "0" && GoDuration.TryParse(value, out var ago))
        {
            // Docker sends whole seconds for a duration (reference.Add(-d).Unix()).
            var then = now - ago;
            return DateTimeOffset.FromUnixTimeSeconds(FloorSeconds(then));
        }
        if (TryParseRfc3339Prefix(value, now.Offset, out var time)) return time;
        // Something with a '-' meant to be a date; anything else may be Unix seconds.
        if (value.Contains('-'))
            throw new InvalidLogArgumentException($"invalid time '{value}': not an RFC 3339 date or time (e.g. 2006-01-02T15:04:05Z)");
        if (TryParseUnix(value, out time)) return time;
        throw new InvalidLogArgumentException($"invalid time '{value}': failed to parse value as time or duration");
    }

    static long FloorSeconds(DateTimeOffset t) => (long)Math.Floor((t.UtcTicks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerSecond);

    /// <summary>YYYY-MM-DD, then optionally THH, :MM, :SS, .fraction; then optionally Z or ±HH:MM.</summary>
    static bool TryParseRfc3339Prefix(string text, TimeSpan localOffset, out DateTimeOffset time)
    {
        time = default;
        var s = text.AsSpan();
        if (s.Length < 10 || !Int(s[..4], out int year) || s[4] != '-' || !Int(s[5..7], out int month) || s[7] != '-' || !Int(s[8..10], out int day))
            return false;
        s = s[10..];
        int hour = 0, minute = 0, second = 0;
        long ticks = 0;
        if (!s.IsEmpty && s[0] == 'T')
        {
            if (s.Length < 3 || !Int(s[1..3], out hour)) return false;
            s = s[3..];
            if (!s.IsEmpty && s[0] == ':')
            {
                if (s.Length < 3 || !Int(s[1..3], out minute)) return false;
                s = s[3..];
                if (!s.IsEmpty && s[0] == ':')
                {
                    if (s.Length < 3 || !Int(s[1..3], out second)) return false;
                    s = s[3..];
                    if (!s.IsEmpty && s[0] == '.')
                    {
                        int digits = 1;
                        while (digits < s.Length && char.IsAsciiDigit(s[digits])) digits++;
                        if (digits == 1) return false;
                        var fraction = s[1..Math.Min(digits, 8)]; // 7 digits make a tick
                        Int(fraction, out int f);
                        ticks = f * (long)Math.Pow(10, 7 - fraction.Length);
                        s = s[digits..];
                    }
                }
            }
        }
        TimeSpan offset = localOffset;
        if (s.Length == 1 && (s[0] == 'Z' || s[0] == 'z'))
        {
            offset = TimeSpan.Zero;
        }
        else if (s.Length == 6 && (s[0] == '+' || s[0] == '-') && Int(s[1..3], out int oh) && s[3] == ':' && Int(s[4..6], out int om) && oh < 24 && om < 60)
        {
            offset = new TimeSpan(oh, om, 0) * (s[0] == '-' ? -1 : 1);
        }
        else if (!s.IsEmpty)
        {
            return false;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        try
        {
            time = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks).ToUniversalTime();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // before year 1 or after 9999 in UTC
        }
    }

    /// <summary>Docker's timetypes.ParseTimestamps: seconds, optionally '.' and a fraction of a second.</summary>
    static bool TryParseUnix(string text, out DateTimeOffset time)
    {
        time = default;
        int dot = text.IndexOf('.');
        var whole = dot < 0 ? text.AsSpan() : text.AsSpan(0, dot);
        if (!long.TryParse(whole, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seconds)) return false;
        long ticks = 0;
        if (dot >= 0)
        {
            var fraction = text.AsSpan(dot + 1);
            if (fraction.IsEmpty || fraction.ContainsAnyExceptInRange('0', '9')) return false;
            var used = fraction[..Math.Min(fraction.Length, 7)];
            Int(used, out int f);
            ticks = f * (long)Math.Pow(10, 7 - used.Length);
        }
        if (seconds < -62_135_596_800 || seconds > 253_402_300_799) return false; // DateTimeOffset's range
        time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(ticks);
        return true;
    }

    static bool Int(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (char c in digits)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
