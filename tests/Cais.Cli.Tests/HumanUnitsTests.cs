using Cais.Cli.Format;

namespace Cais.Cli.Tests;

/// <summary>Vectors from docker/go-units' own tests, so cais prints what docker prints.</summary>
public class HumanUnitsTests
{
    [Theory]
    [InlineData(0, "0B")]
    [InlineData(999, "999B")]
    [InlineData(1000, "1kB")]
    [InlineData(1234, "1.23kB")]
    [InlineData(4261000, "4.26MB")]
    [InlineData(100000, "100kB")]
    [InlineData(999999, "1e+03kB")]
    [InlineData(1e12, "1TB")]
    [InlineData(10.5, "10.5B")]
    public void Size_MatchesGoUnits(double bytes, string expected) => Assert.Equal(expected, HumanUnits.Size(bytes));

    [Theory]
    [InlineData(0.45, "Less than a second")]
    [InlineData(1, "1 second")]
    [InlineData(59, "59 seconds")]
    [InlineData(60, "About a minute")]
    [InlineData(35 * 60 + 40, "35 minutes")]
    [InlineData(3600 + 29 * 60, "About an hour")]
    [InlineData(3600 + 31 * 60, "2 hours")]
    [InlineData(3 * 3600 + 60 * 60, "4 hours")]
    [InlineData(36 * 3600, "36 hours")]
    [InlineData(13 * 86400 + 5 * 3600, "13 days")]
    [InlineData(14 * 86400, "2 weeks")]
    [InlineData(30 * 86400, "4 weeks")]
    [InlineData(44 * 86400, "6 weeks")]
    [InlineData(60 * 86400, "2 months")]
    [InlineData(720 * 86400, "24 months")]
    [InlineData(734 * 86400, "2 years")]
    public void Duration_MatchesGoUnits(double seconds, string expected) =>
        Assert.Equal(expected, HumanUnits.Duration(TimeSpan.FromSeconds(seconds)));
}

public class TableWriterTests
{
    [Fact]
    public void ToString_LaysOutLikeDockerImages()
    {
        var t = new TableWriter("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
        t.Add("busybox", "latest", "3f57d9401f8d", "2 weeks ago", "4.26MB");
        Assert.Equal(
            "REPOSITORY   TAG       IMAGE ID       CREATED       SIZE\n" +
            "busybox      latest    3f57d9401f8d   2 weeks ago   4.26MB\n", t.ToString());
    }
}
