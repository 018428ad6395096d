using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cais.Api.Models.Containers;

/// <summary>
/// Timestamps as Docker writes them: Go's <c>time.RFC3339Nano</c> in UTC, e.g.
/// <c>2015-01-06T15:47:32.072697474Z</c>, trailing zeros of the fraction dropped (and the dot with
/// them), and <c>0001-01-01T00:00:00Z</c> for "never". Several inspect fields are strings in
/// Docker's own types (<c>Created</c>, <c>State.StartedAt</c>), so the server formats them with
/// <see cref="Format"/> and clients parse them with <see cref="Parse"/>.
/// </summary>
public static class DockerTimestamp
{
    /// <summary>Go's zero <c>time.Time</c>, which Docker prints for events that have not happened.</summary>
    public const string Zero = "0001-01-01T00:00:00Z";

    public static string Format(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = utc.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
            text += "." + fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
        return text + "Z";
    }

    /// <summary>
    /// Parses RFC 3339 with any number of fraction digits (Go writes up to nine, .NET keeps seven:
    /// the last two are dropped, not rounded) and any offset.
    /// </summary>
    public static DateTimeOffset Parse(string text)
    {
        if (!TryParse(text, out var value))
            throw new FormatException($"invalid RFC 3339 timestamp: '{text}'");
        return value;
    }

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
            return false;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
                end++;
            if (end - dot - 1 > 7)
                text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
        }
        return DateTimeOffset.TryParseExact(text, Rfc3339Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    static readonly string[] Rfc3339Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];
}

/// <summary>A <see cref="DateTimeOffset"/> on the wire as <see cref="DockerTimestamp"/> text.</summary>
public sealed class DockerTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"expected an RFC 3339 timestamp string, found {reader.TokenType}");
        var text = reader.GetString()!;
        if (!DockerTimestamp.TryParse(text, out var value))
            throw new JsonException($"invalid RFC 3339 timestamp: '{text}'");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(DockerTimestamp.Format(value));
}
