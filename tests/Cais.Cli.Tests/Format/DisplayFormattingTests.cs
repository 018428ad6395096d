using System.Text;
using Cais.Cli.Format;

namespace Cais.Cli.Tests.Format;

/// <summary>Sizes, times, truncation and JSON layout as the docker CLI writes them.</summary>
public class DisplayFormattingTests
{
    [Theory]
    [InlineData(0, "0B")]
    [InlineData(1986002, "1.986MB")]
    [InlineData(999, "999B")]
    [InlineData(1234567, "1.235MB")]
    public void HumanSize_FourSignificantDigits(double bytes, string expected) => Assert.Equal(expected, HumanUnits.HumanSize(bytes));

    [Theory]
    [InlineData(0, "0B")]
    [InlineData(1023, "1023B")]
    [InlineData(1024, "1KiB")]
    [InlineData(1536 * 1024, "1.5MiB")]
    [InlineData(2147483648.0, "2GiB")]
    [InlineData(23.4 * 1024 * 1024 * 1024, "23.4GiB")]
    public void BytesSize_BinaryUnits(double bytes, string expected) => Assert.Equal(expected, HumanUnits.BytesSize(bytes));

    [Theory]
    [InlineData(70, "About a minute ago")]
    [InlineData(5, "5 seconds ago")]
    [InlineData(0.2, "Less than a second ago")]
    public void Ago_AsTheCreatedColumnShowsIt(double seconds, string expected)
    {
        var now = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(expected, HumanUnits.Ago(now.AddSeconds(-seconds), now));
    }

    [Theory]
    [InlineData("sleep 1000", 20, "sleep 1000")]
    [InlineData("sh -c 'while true; do sleep 1; done'", 20, "sh -c 'while true; …")]
    [InlineData("abc", 1, "a")]
    [InlineData("abc", 0, "")]
    [InlineData("日本語のコマンド", 6, "日本…")]
    public void Ellipsis_CutsToDisplayWidth(string text, int width, string expected) => Assert.Equal(expected, DisplayText.Ellipsis(text, width));

    [Theory]
    [InlineData("sha256:37621ea41edb9f90d92ae2f4ce16ae54f9718fda936855d9261ad2c820fe00da", "37621ea41edb")]
    [InlineData("3972fd1830179403b79aa81a9afc33a0b745e35b01b16d8290ee3a4f2d9d3f27", "3972fd183017")]
    [InlineData("<missing>", "<missing>")]
    public void TruncateId_TwelveCharactersWithoutAlgorithm(string id, string expected) => Assert.Equal(expected, DisplayText.TruncateId(id));

    [Fact]
    public void UnixString_IsGosTimeString()
    {
        Assert.Equal("2026-11-23 16:43:09 +0000 UTC", GoTime.UnixString(1795452189, TimeZoneInfo.Utc));
        var abbreviated = TimeZoneInfo.CreateCustomTimeZone("Test/Cet", TimeSpan.FromHours(1), "CET", "CET");
        Assert.Equal("2026-11-23 17:43:09 +0100 CET", GoTime.UnixString(1795452189, abbreviated));
        // A zone known only by a long name gets Go's numeric stand-in.
        var unnamed = TimeZoneInfo.CreateCustomTimeZone("Test/Plus530", new TimeSpan(5, 30, 0), "Test Standard Time", "Test Standard Time");
        Assert.Equal("2026-11-23 22:13:09 +0530 +0530", GoTime.UnixString(1795452189, unnamed));
    }

    [Fact]
    public void Rfc3339NanoFixed_PadsNanoseconds()
    {
        Assert.Equal("2026-11-23T16:43:09.000000042Z", GoTime.Rfc3339NanoFixed(1795452189_000000042, TimeZoneInfo.Utc));
        Assert.Equal("2026-11-23T16:43:09.500000000Z", GoTime.Rfc3339NanoFixed(1795452189_500000000, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Indent_LaysOutLikeGosJsonIndent()
    {
        var json = """{"Id":"x","Args":["1000"],"Empty":[],"Obj":{},"Labels":{"a":"b \" c"},"N":1.50,"Html":"<&>"}""";

        var indented = JsonIndent.Indent(Encoding.UTF8.GetBytes(json));

        Assert.Equal("""
            {
                "Id": "x",
                "Args": [
                    "1000"
                ],
                "Empty": [],
                "Obj": {},
                "Labels": {
                    "a": "b \" c"
                },
                "N": 1.50,
                "Html": "<&>"
            }
            """.ReplaceLineEndings("\n"), indented);
    }

    [Fact]
    public void Indent_OfAnArrayOfObjects_OneLevelPerNesting()
    {
        Assert.Equal("[\n    {\n        \"a\": 1\n    },\n    {\n        \"b\": [\n            true,\n            null\n        ]\n    }\n]",
            JsonIndent.Indent("[{\"a\":1},{\"b\":[true,null]}]"u8));
    }

    [Fact]
    public void Compact_RemovesSpacesOutsideStringsAndEscapesHtml()
    {
        Assert.Equal("""[{"a":"x y <b>","n":[1,2]}]""".Replace("<b>", "\\u003cb\\u003e"),
            JsonIndent.Compact("[ { \"a\" : \"x y <b>\",\n \"n\": [1, 2] } ]"u8, escapeHtml: true));
    }

    [Fact]
    public void TableWriter_ColumnsAreWidestCellPlusThreeAtLeastTen()
    {
        var table = new TableWriter("CONTAINER ID", "IMAGE", "NAMES");
        table.Add("3972fd183017", "busybox", "web");

        Assert.Equal("CONTAINER ID   IMAGE     NAMES\n3972fd183017   busybox   web\n", table.ToString());
    }

    [Fact]
    public void TableWriter_WithMinWidth20_AsTopPrintsIt()
    {
        var table = TableWriter.WithMinWidth(20, "UID", "PID", "CMD");
        table.Add("root", "4242", "sleep 1000");

        Assert.Equal("UID                 PID                 CMD\nroot                4242                sleep 1000\n", table.ToString());
    }
}
