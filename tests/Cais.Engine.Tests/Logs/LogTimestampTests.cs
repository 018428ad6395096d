using System.Text;
using Cais.Engine.Logs;

namespace Cais.Engine.Tests.Logs;

public class LogTimestampTests
{
    static string Format(LogTimestamp t, bool fixedWidth)
    {
        var buffer = new byte[Rfc3339Nano.MaxLength];
        return Encoding.ASCII.GetString(buffer, 0, Rfc3339Nano.Format(t, buffer, fixedWidth));
    }

    static readonly LogTimestamp Sample = LogTimestamp.FromUnix(1795428672, 123456789); // 2026-11-23T10:11:12.123456789Z

    [Fact]
    public void Format_Fixed_NineDigits()
    {
        Assert.Equal("2026-11-23T10:11:12.123456789Z", Format(Sample, fixedWidth: true));
        Assert.Equal("2026-11-23T10:11:12.100000000Z", Format(LogTimestamp.FromUnix(1795428672, 100000000), fixedWidth: true));
    }

    [Fact]
    public void Format_Trimmed_AsGoRfc3339Nano()
    {
        Assert.Equal("2026-11-23T10:11:12.123456789Z", Format(Sample, fixedWidth: false));
        Assert.Equal("2026-11-23T10:11:12.1Z", Format(LogTimestamp.FromUnix(1795428672, 100000000), fixedWidth: false));
        Assert.Equal("2026-11-23T10:11:12Z", Format(LogTimestamp.FromUnix(1795428672, 0), fixedWidth: false));
    }

    [Fact]
    public void Format_BeforeEpoch_Correct()
    {
        Assert.Equal("1969-12-31T23:59:59.5Z", Format(LogTimestamp.FromUnix(-1, 500000000), fixedWidth: false));
    }

    [Theory]
    [InlineData("2026-11-23T10:11:12.123456789Z", 1795428672, 123456789)]
    [InlineData("2026-11-23T10:11:12Z", 1795428672, 0)]
    [InlineData("2026-11-23T10:11:12.5Z", 1795428672, 500000000)]
    [InlineData("2026-11-23T12:11:12.5+02:00", 1795428672, 500000000)]
    [InlineData("2026-11-23T10:11:12.1234567891Z", 1795428672, 123456789)]
    public void TryParse_Rfc3339_NanosecondsKept(string text, long seconds, int nanos)
    {
        Assert.True(Rfc3339Nano.TryParse(Encoding.ASCII.GetBytes(text), out var t));

        Assert.Equal(LogTimestamp.FromUnix(seconds, nanos), t);
    }

    [Theory]
    [InlineData("2026-11-23 10:11:12Z")]
    [InlineData("2026-11-23T10:11:12")]
    [InlineData("2026-02-30T10:11:12Z")]
    [InlineData("2026-11-23T10:11:12.Z")]
    [InlineData("garbage")]
    [InlineData("2026-11-23T10:11:12Zjunk")]
    public void TryParse_NotRfc3339_False(string text)
    {
        Assert.False(Rfc3339Nano.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void ToDateTimeOffset_RoundsDownTo100ns()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 11, 12, TimeSpan.Zero).AddTicks(1234567), Sample.ToDateTimeOffset());
        Assert.Equal(Sample.ToDateTimeOffset(), LogTimestamp.FromDateTimeOffset(Sample.ToDateTimeOffset()).ToDateTimeOffset());
    }
}
