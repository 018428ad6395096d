namespace Cais.Engine.Logs;

/// <summary>
/// RFC 3339 times with nanoseconds, in UTC, as bytes. Two spellings matter to Docker users:
/// the json-file "time" field is Go's time.RFC3339Nano, which drops trailing zeros of the
/// fraction (and the dot when it is zero); the logs API's timestamps are RFC3339NanoFixed,
/// always nine digits. Parsing accepts both, and any UTC offset ("+02:00").
/// </summary>
static class Rfc3339Nano
{
    /// <summary>"2026-11-23T10:11:12.123456789Z".</summary>
    public const int MaxLength = 30;

    public static int Format(LogTimestamp time, Span<byte> destination, bool fixedWidth)
    {
        if (destination.Length < MaxLength)
            throw new ArgumentException($"a timestamp needs {MaxLength} bytes", nameof(destination));
        SecondPrefix(time.UnixSeconds).CopyTo(destination);
        int length = 19;
        int nanos = time.Nanosecond;
        int digits = 9;
        if (!fixedWidth)
        {
            while (digits > 0 && nanos % 10 == 0)
            {
                nanos /= 10;
                digits--;
            }
        }
        if (digits > 0)
        {
            destination[length++] = (byte)'.';
            Digits(destination, length, nanos, digits);
            length += digits;
        }
        destination[length++] = (byte)'Z';
        return length;
    }

    // A log's messages come many to a second: the date and time up to the second are worked
    // out once per second (per thread) and copied after that.
    [ThreadStatic] static long cachedSecond;
    [ThreadStatic] static byte[]? cachedPrefix;

    /// <summary>"YYYY-MM-DDTHH:MM:SS" of a Unix second.</summary>
    static ReadOnlySpan<byte> SecondPrefix(long unixSeconds)
    {
        if (cachedPrefix is not null && cachedSecond == unixSeconds) return cachedPrefix;
        var prefix = cachedPrefix ??= new byte[19];
        var date = DateTime.UnixEpoch.AddSeconds(unixSeconds);
        date.Deconstruct(out int year, out int month, out int day);
        Digits(prefix, 0, year, 4);
        prefix[4] = (byte)'-';
        Digits(prefix, 5, month, 2);
        prefix[7] = (byte)'-';
        Digits(prefix, 8, day, 2);
        prefix[10] = (byte)'T';
        Digits(prefix, 11, date.Hour, 2);
        prefix[13] = (byte)':';
        Digits(prefix, 14, date.Minute, 2);
        prefix[16] = (byte)':';
        Digits(prefix, 17, date.Second, 2);
        cachedSecond = unixSeconds;
        return prefix;
    }

    static void Digits(Span<byte> destination, int at, int value, int count)
    {
        for (int i = at + count - 1; i >= at; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }

    /// <summary>Reads "YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)"; false for anything else or a time outside 1678..2262.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out LogTimestamp time)
    {
        time = default;
        if (text.Length < 20
            || !Number(text, 0, 4, out int year) || text[4] != '-'
            || !Number(text, 5, 2, out int month) || text[7] != '-'
            || !Number(text, 8, 2, out int day) || (text[10] | 0x20) != 't'
            || !Number(text, 11, 2, out int hour) || text[13] != ':'
            || !Number(text, 14, 2, out int minute) || text[16] != ':'
            || !Number(text, 17, 2, out int second))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
            return false;
        int at = 19;
        long nanos = 0;
        if (text[at] == '.')
        {
            at++;
            int start = at;
            long scale = 100_000_000;
            while (at < text.Length && (uint)(text[at] - '0') <= 9)
            {
                nanos += (text[at] - '0') * scale; // digits past the ninth add nothing (scale reaches 0)
                scale /= 10;
                at++;
            }
            if (at == start) return false;
        }
        if (at >= text.Length) return false;
        long offsetSeconds;
        if ((text[at] | 0x20) == 'z' && at + 1 == text.Length)
        {
            offsetSeconds = 0;
        }
        else if ((text[at] == '+' || text[at] == '-') && at + 6 == text.Length
            && Number(text, at + 1, 2, out int offsetHours) && text[at + 3] == ':'
            && Number(text, at + 4, 2, out int offsetMinutes) && offsetHours < 24 && offsetMinutes < 60)
        {
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (text[at] == '-' ? -1 : 1);
        }
        else
        {
            return false;
        }
        long seconds = (new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks)
            / TimeSpan.TicksPerSecond - offsetSeconds;
        // long nanoseconds reach from 1677-09-21 to 2262-04-11.
        if (seconds is < -9_223_372_035L or > 9_223_372_035L) return false;
        time = LogTimestamp.FromUnix(seconds, nanos);
        return true;
    }

    static bool Number(ReadOnlySpan<byte> text, int at, int count, out int value)
    {
        value = 0;
        for (int i = at; i < at + count; i++)
        {
            uint digit = (uint)(text[i] - '0');
            if (digit > 9) return false;
            value = value * 10 + (int)digit;
        }
        return true;
    }
}
