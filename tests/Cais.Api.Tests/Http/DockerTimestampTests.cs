using Cais.Api.Http;
using Cais.Engine.Errors;

namespace Cais.Api.Tests.Http;

public class DockerTimestampTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("10m", 600)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("90s", 90)]
    [InlineData("500ms", 0.5)]
    public void Parse_GoDuration_IsThatLongBeforeNow(string text, double seconds)
    {
        Assert.Equal(Now - TimeSpan.FromSeconds(seconds), DockerTimestamp.Parse(text, Now, "until"));
    }

    [Fact]
    public void Parse_UnixSecondsWithFraction()
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500), DockerTimestamp.Parse("1700000000.5", Now, "until"));
    }

    [Fact]
    public void Parse_Rfc3339WithZone()
    {
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)), DockerTimestamp.Parse("2026-01-02T03:04:05+02:00", Now, "until"));
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), DockerTimestamp.Parse("2026-01-02T03:04:05Z", Now, "until"));
    }

    [Fact]
    public void Parse_Garbage_NamesTheValue()
    {
        var e = Assert.Throws<InvalidParameterException>(() => DockerTimestamp.Parse("yesterday", Now, "until"));
        Assert.Contains("\"yesterday\"", e.Message);
    }
}
