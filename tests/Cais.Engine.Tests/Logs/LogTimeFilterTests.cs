using Cais.Engine.Logs;

namespace Cais.Engine.Tests.Logs;

public class LogTimeFilterTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 11, 12, 500, TimeSpan.FromHours(2));

    static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    [Theory]
    [InlineData("10m", 600)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("90s", 90)]
    [InlineData("1500ms", 1.5)]
    [InlineData("-1h", -3600)]
    public void Parse_Duration_ThatLongBeforeNowInWholeSeconds(string text, double secondsAgo)
    {
        var expected = DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor((Now - TimeSpan.FromSeconds(secondsAgo)).ToUnixTimeMilliseconds() / 1000.0));

        Assert.Equal(expected, LogTimeFilter.Parse(text, Now));
    }

    [Theory]
    [InlineData("2026-11-23T08:00:00Z", 2026, 11, 23, 8, 0, 0)]
    [InlineData("2026-11-23T08:00:00+01:00", 2026, 11, 23, 7, 0, 0)]
    [InlineData("2026-11-23T08:00:00-05:00", 2026, 11, 23, 13, 0, 0)]
    [InlineData("2026-11-23T08:00Z", 2026, 11, 23, 8, 0, 0)]
    [InlineData("2026-11-23T08Z", 2026, 11, 23, 8, 0, 0)]
    [InlineData("2026-11-23Z", 2026, 11, 23, 0, 0, 0)]
    // No zone: the caller's zone (Now is +02:00).
    [InlineData("2026-11-23T08:00:00", 2026, 11, 23, 6, 0, 0)]
    [InlineData("2026-11-23T08:00", 2026, 11, 23, 6, 0, 0)]
    [InlineData("2026-11-23T08", 2026, 11, 23, 6, 0, 0)]
    [InlineData("2026-11-23", 2026, 11, 22, 22, 0, 0)]
    public void Parse_Rfc3339Forms_AsDocker(string text, int y, int mo, int d, int h, int mi, int s)
    {
        Assert.Equal(Utc(y, mo, d, h, mi, s), LogTimeFilter.Parse(text, Now));
    }

    [Fact]
    public void Parse_FractionalSeconds_Kept()
    {
        Assert.Equal(Utc(2026, 11, 23, 8).AddTicks(1234567), LogTimeFilter.Parse("2026-11-23T08:00:00.123456789Z", Now));
    }

    [Theory]
    [InlineData("1763892672", 1763892672, 0)]
    [InlineData("1763892672.5", 1763892672, 5_000_000)]
    [InlineData("1763892672.000000100", 1763892672, 1)]
    [InlineData("0", 0, 0)]
    public void Parse_UnixSeconds_AsTheApiSendsThem(string text, long seconds, long ticks)
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(ticks), LogTimeFilter.Parse(text, Now));
    }

    [Theory]
    [InlineData("yesterday", "failed to parse value as time or duration")]
    [InlineData("10 minutes", "failed to parse value as time or duration")]
    [InlineData("2026-13-01", "not an RFC 3339 date or time")]
    [InlineData("2026-11-23T25:00:00Z", "not an RFC 3339 date or time")]
    [InlineData("2026-11-23 08:00", "not an RFC 3339 date or time")]
    [InlineData("", "failed to parse value as time or duration")]
    [InlineData("12.", "failed to parse value as time or duration")]
    public void Parse_Garbage_ErrorNamesTheValue(string text, string reason)
    {
        var error = Assert.Throws<InvalidLogArgumentException>(() => LogTimeFilter.Parse(text, Now));

        Assert.Equal($"invalid time '{text}': {reason}", error.Message.Split(" (e.g.")[0]);
    }
}
