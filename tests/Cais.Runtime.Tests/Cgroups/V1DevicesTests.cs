using Cais.Runtime.Cgroups;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Tests.Cgroups;

public class V1DevicesTests
{
    static DeviceCgroupRule Rule(bool allow, string? type = null, long? major = null, long? minor = null, string? access = null) =>
        new() { Allow = allow, Type = type, Major = major, Minor = minor, Access = access };

    [Theory]
    [InlineData(false, null, null, null, null, "a")]
    [InlineData(false, "a", null, null, "rwm", "a")]
    [InlineData(true, null, null, null, null, "a *:* rwm")]
    [InlineData(true, "c", 1L, 3L, "rwm", "c 1:3 rwm")]
    [InlineData(true, "c", 136L, null, "rw", "c 136:* rw")]
    [InlineData(true, "b", -1L, -1L, "m", "b *:* m")]
    [InlineData(false, "c", 5L, 1L, "", "c 5:1 rwm")]
    [InlineData(false, "c", 10L, 200L, "w", "c 10:200 w")]
    public void Format_Rule_IsKernelSyntax(bool allow, string? type, long? major, long? minor, string? access, string expected)
    {
        Assert.Equal(expected, V1Devices.Format(Rule(allow, type, major, minor, access)));
    }

    [Theory]
    [InlineData("x", "rwm")]
    [InlineData("c", "rwx")]
    [InlineData("c", "rr")]
    public void Format_InvalidRule_Throws(string type, string access)
    {
        Assert.Throws<CgroupException>(() => V1Devices.Format(Rule(true, type, 1, 3, access)));
    }

    [Fact]
    public void Apply_Rules_WritesAllowAndDenyInOrder()
    {
        using var fs = new FakeCgroupFs();
        fs.SeedDir("devices", ("devices.allow", ""), ("devices.deny", ""), ("devices.list", "a *:* rwm\n"));
        var dir = new RecordingDir(fs.PathOf("devices"));

        V1Devices.Apply(dir,
        [
            Rule(false, access: "rwm"),
            Rule(true, "c", 1, 3, "rwm"),
            Rule(true, "c", 5, null, "rwm"),
            Rule(false, "c", 5, 1, "w"),
        ]);

        Assert.Equal(
            ["devices.deny=a", "devices.allow=c 1:3 rwm", "devices.allow=c 5:* rwm", "devices.deny=c 5:1 w"],
            dir.Writes);
    }
}
