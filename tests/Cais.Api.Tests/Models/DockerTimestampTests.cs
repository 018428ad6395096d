using Cais.Api.Models.Containers;

namespace Cais.Api.Tests.Models;

public sealed class DockerTimestampTests
{
    [Fact]
    public void Format_Fraction_DropsTrailingZerosAndEndsInZ()
    {
        var time = new DateTimeOffset(2015, 1, 6, 15, 47, 32, TimeSpan.Zero).AddTicks(720000);

        Assert.Equal("2015-01-06T15:47:32.072Z", DockerTimestamp.Format(time));
    }

    [Fact]
    public void Format_WholeSecond_HasNoFraction()
    {
        Assert.Equal("2020-01-06T09:06:59Z", DockerTimestamp.Format(new DateTimeOffset(2020, 1, 6, 9, 6, 59, TimeSpan.Zero)));
    }

    [Fact]
    public void Format_OtherOffset_IsWrittenInUtc()
    {
        Assert.Equal("2020-01-06T07:06:59Z", DockerTimestamp.Format(new DateTimeOffset(2020, 1, 6, 9, 6, 59, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void Format_MinValue_IsGoZeroTime()
    {
        Assert.Equal(DockerTimestamp.Zero, DockerTimestamp.Format(DateTimeOffset.MinValue));
    }

    [Theory]
    [InlineData("2015-01-06T15:47:32.072697474Z", "2015-01-06T15:47:32.0726974Z")]
    [InlineData("2015-01-06T15:47:32.0726974Z", "2015-01-06T15:47:32.0726974Z")]
    [InlineData("2015-01-06T15:47:32Z", "2015-01-06T15:47:32Z")]
    [InlineData("2015-01-06T17:47:32.5+02:00", "2015-01-06T15:47:32.5Z")]
    [InlineData("2015-01-06T15:47:32.1-00:30", "2015-01-06T16:17:32.1Z")]
    public void Parse_Rfc3339Variants_GiveTheUtcInstant(string text, string utc)
    {
        var parsed = DockerTimestamp.Parse(text);

        Assert.Equal(TimeSpan.Zero, parsed.Offset);
        Assert.Equal(utc, DockerTimestamp.Format(parsed));
        Assert.Equal(new DateTimeOffset(2015, 1, 6, 0, 0, 0, TimeSpan.Zero).Date, parsed.UtcDateTime.Date);
    }

    [Fact]
    public void Parse_GoZeroTime_IsMinValue()
    {
        Assert.Equal(DateTimeOffset.MinValue.UtcTicks, DockerTimestamp.Parse(DockerTimestamp.Zero).UtcTicks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2015-01-06 15:47:32Z")]
    [InlineData("2015-13-06T15:47:32Z")]
    public void Parse_Malformed_ThrowsFormatExceptionWithTheText(string text)
    {
        var e = Assert.Throws<FormatException>(() => DockerTimestamp.Parse(text));

        Assert.Contains($"'{text}'", e.Message, StringComparison.Ordinal);
    }
}
