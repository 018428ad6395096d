using System.Globalization;

namespace Cais.Images.Model;

/// <summary>
/// Timestamps in image configs and history: RFC 3339 strings (image-spec config.md "created").
/// Go writes them with up to nine fractional digits (time.RFC3339Nano); .NET keeps seven, so the
/// model stores the text as written and parses on demand.
/// </summary>
public static class Rfc3339
{
    /// <summary>Parses an RFC 3339 timestamp; digits beyond 100 ns are dropped. Null when malformed.</summary>
    public static DateTimeOffset? TryParse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var trimmed = TrimFraction(text);
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value) ? value : null;
    }

    /// <summary>Formats as Go's RFC3339Nano does for UTC: trailing zeros of the fraction dropped, then "Z".</summary>
    public static string Format(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = utc.ToString("fffffff", CultureInfo.InvariantCulture).TrimEnd('0');
        return fraction.Length > 0 ? $"{text}.{fraction}Z" : text + "Z";
    }

    static string TrimFraction(string text)
    {
        int dot = text.IndexOf('.');
        if (dot < 0) return text;
        int end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        return end - dot - 1 <= 7 ? text : text[..(dot + 8)] + text[end..];
    }
}
