using System.Globalization;
using Cais.Api.Client;

namespace Cais.Cli.Containers.Options;

/// <summary>
/// --since and --until as docker's GetTimestamp reads them, turned into the Unix timestamp the
/// API takes: a Go duration counts back from now ("42m"), an RFC 3339 date or date-time is taken
/// as written (in local time when it has no zone: "2013-01-02", "2013-01-02T13:23:37",
/// "2013-01-02T13:23:37Z"), and a Unix timestamp ("1700000000", "1700000000.5") passes as it is.
/// </summary>
public static class TimeArgument
{
    static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];

    static readonly string[] ZonedFormats =
    [
        "yyyy-MM-ddK", "yyyy-MM-dd'T'HHK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <param name="what">"since" or "until", for the error message.</param>
    public static string ToUnixTimestamp(string value, DateTimeOffset now, string what)
    {
        if (value != "0" && TryDuration(value, out var nanos))
            return EngineClient.UnixTimestamp(now - TimeSpan.FromTicks(nanos / 100));
        if (IsUnixTimestamp(value)) return value;
        var text = TrimFraction(value);
        if (DateTimeOffset.TryParseExact(text, ZonedFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var zoned)
            && HasZone(text))
            return EngineClient.UnixTimestamp(zoned);
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var local))
            return EngineClient.UnixTimestamp(new DateTimeOffset(local));
        throw new InvalidOptionException($"invalid value for \"{what}\": failed to parse value as time or duration: \"{value}\"");
    }

    static bool TryDuration(string value, out long nanos)
    {
        try
        {
            nanos = GoDuration.ParseNanoseconds(value);
            return true;
        }
        catch (FormatException)
        {
            nanos = 0;
            return false;
        }
    }

    static bool IsUnixTimestamp(string value)
    {
        var parts = value.Split('.');
        return parts.Length is 1 or 2 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit))
            && (parts.Length == 1 || parts[1].Length <= 9);
    }

    static bool HasZone(string text) =>
        text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    /// <summary>Go accepts nine fraction digits, .NET seven: the extra ones are dropped.</summary>
    static string TrimFraction(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0) return text;
        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        return end - dot - 1 > 7 ? string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end)) : text;
    }
}
