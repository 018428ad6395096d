using Cais.Cli.Containers;
using Cais.Cli.Daemon;

namespace Cais.Cli.Tests.Containers;

/// <summary>Values of flags and arguments parsed as docker parses them, with docker's error words.</summary>
public class ArgumentParsingTests
{
    [Theory]
    [InlineData("512", 512L)]
    [InlineData("512b", 512L)]
    [InlineData("64k", 65536L)]
    [InlineData("512m", 536870912L)]
    [InlineData("512MiB", 536870912L)]
    [InlineData("1.5g", 1610612736L)]
    [InlineData("2 GB", 2147483648L)]
    public void RamInBytes_BinaryMultiples(string text, long expected) => Assert.Equal(expected, ResourceValues.RamInBytes(text));

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("12x")]
    [InlineData("")]
    public void RamInBytes_Bad_InvalidSize(string text) =>
        Assert.Equal($"invalid size: '{text}'", Assert.Throws<FormatException>(() => ResourceValues.RamInBytes(text)).Message);

    [Fact]
    public void MemorySwap_MinusOneIsUnlimited()
    {
        Assert.Equal(-1, ResourceValues.MemorySwap("-1"));
        Assert.Equal(1073741824, ResourceValues.MemorySwap("1g"));
    }

    [Theory]
    [InlineData("1", 1_000_000_000L)]
    [InlineData("1.5", 1_500_000_000L)]
    [InlineData("0.25", 250_000_000L)]
    [InlineData("3/4", 750_000_000L)]
    public void NanoCpus_DecimalCpus(string text, long expected) => Assert.Equal(expected, ResourceValues.NanoCpus(text));

    [Fact]
    public void NanoCpus_Bad_SaysWhy()
    {
        Assert.Equal("failed to parse two as a rational number", Assert.Throws<FormatException>(() => ResourceValues.NanoCpus("two")).Message);
        Assert.Equal("value is too precise", Assert.Throws<FormatException>(() => ResourceValues.NanoCpus("0.0000000001")).Message);
    }

    [Theory]
    [InlineData("always", "always", 0)]
    [InlineData("on-failure:3", "on-failure", 3)]
    [InlineData("on-failure", "on-failure", 0)]
    [InlineData("", "", 0)]
    public void RestartPolicy_NameAndCount(string text, string name, int count)
    {
        var policy = ResourceValues.RestartPolicy(text);
        Assert.Equal((name, count), (policy.Name, policy.MaximumRetryCount));
    }

    [Theory]
    [InlineData(":3", "invalid restart policy format: no policy provided before colon")]
    [InlineData("on-failure:x", "invalid restart policy format: maximum retry count must be an integer")]
    public void RestartPolicy_Bad(string text, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => ResourceValues.RestartPolicy(text)).Message);

    [Theory]
    [InlineData("10m", 600)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("90s", 90)]
    public void Timestamp_Duration_CountsBackFromNow(string text, long secondsAgo)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        Assert.Equal((1_800_000_000 - secondsAgo).ToString(System.Globalization.CultureInfo.InvariantCulture), TimestampArgument.Parse(text, now));
    }

    [Theory]
    [InlineData("2024-05-01T10:00:00Z", "1714557600.000000000")]
    [InlineData("2024-05-01T12:00:00+02:00", "1714557600.000000000")]
    [InlineData("2024-05-01T10:00:00.5Z", "1714557600.500000000")]
    [InlineData("1714557600", "1714557600")]
    [InlineData("1714557600.25", "1714557600.25")]
    [InlineData("0", "0")]
    public void Timestamp_DatesAndUnixTimes(string text, string expected) =>
        Assert.Equal(expected, TimestampArgument.Parse(text, DateTimeOffset.UtcNow));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-13-45")]
    public void Timestamp_Bad_Throws(string text) => Assert.Throws<FormatException>(() => TimestampArgument.Parse(text, DateTimeOffset.UtcNow));

    [Fact]
    public void NaturalOrder_NumbersByValue()
    {
        var ports = new List<string> { "8080/tcp -> 0.0.0.0:1", "80/tcp -> 0.0.0.0:2", "9/udp -> 0.0.0.0:3", "443/tcp -> 0.0.0.0:4" };
        ports.Sort(NaturalOrder.Instance);
        Assert.Equal(["9/udp -> 0.0.0.0:3", "80/tcp -> 0.0.0.0:2", "443/tcp -> 0.0.0.0:4", "8080/tcp -> 0.0.0.0:1"], ports);
    }

    [Theory]
    [InlineData(0, 0, 1, "accepts no arguments")]
    [InlineData(2, 2, 1, "requires 2 arguments")]
    [InlineData(1, 1, 0, "requires 1 argument")]
    [InlineData(1, int.MaxValue, 0, "requires at least 1 argument")]
    [InlineData(0, 1, 2, "requires at most 1 argument")]
    [InlineData(1, 2, 3, "requires at least 1 and at most 2 arguments")]
    [InlineData(1, 2, 2, null)]
    public void ArgumentCount_DockersWords(int min, int max, int given, string? expected) =>
        Assert.Equal(expected, ArgumentCount.Between(min, max).Check(given));
}
