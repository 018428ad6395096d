using Cais.CommandLine;

namespace Cais.Runtime.Tests.CommandLine;

public class FlagSetErrorTests
{
    static FlagSet NewSet()
    {
        var set = new FlagSet("run");
        set.Bool("detach", 'd', "Run container in background");
        set.Bool("interactive", 'i', "Keep STDIN open");
        set.String("name", 'n', "", "Assign a name");
        set.String("hostname", null, "", "Container host name");
        set.Long("memory", 'm', 0, "Memory limit");
        set.Int("cpu-shares", null, 0, "CPU shares");
        set.UInt("uid", null, 0, "User id");
        return set;
    }

    static string ErrorOf(params string[] args) => Assert.Throws<FlagException>(() => NewSet().Parse(args)).Message;

    [Theory]
    [InlineData("unknown flag: --foo", "--foo")]
    [InlineData("unknown flag: --foo", "--foo=bar")]
    [InlineData("unknown flag: --foo", "img", "--foo")]
    [InlineData("unknown shorthand flag: 'x' in -x", "-x")]
    [InlineData("unknown shorthand flag: 'x' in -x", "-dx")]
    [InlineData("unknown shorthand flag: 'x' in -xd", "-xd")]
    [InlineData("unknown shorthand flag: 'x' in -xi", "-dixi")]
    public void Parse_UnknownFlag_ThrowsPflagMessage(string expected, params string[] args) =>
        Assert.Equal(expected, ErrorOf(args));

    [Theory]
    [InlineData("flag needs an argument: --name", "--name")]
    [InlineData("flag needs an argument: --hostname", "-d", "--hostname")]
    [InlineData("flag needs an argument: 'n' in -n", "-n")]
    [InlineData("flag needs an argument: 'n' in -n", "-din")]
    public void Parse_MissingValue_ThrowsPflagMessage(string expected, params string[] args) =>
        Assert.Equal(expected, ErrorOf(args));

    [Theory]
    [InlineData("invalid argument \"abc\" for \"-m, --memory\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax", "--memory", "abc")]
    [InlineData("invalid argument \"abc\" for \"-m, --memory\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax", "-mabc")]
    [InlineData("invalid argument \"abc\" for \"--cpu-shares\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax", "--cpu-shares=abc")]
    [InlineData("invalid argument \"3000000000\" for \"--cpu-shares\" flag: strconv.ParseInt: parsing \"3000000000\": value out of range", "--cpu-shares", "3000000000")]
    [InlineData("invalid argument \"-1\" for \"--uid\" flag: strconv.ParseUint: parsing \"-1\": invalid syntax", "--uid", "-1")]
    [InlineData("invalid argument \"4294967296\" for \"--uid\" flag: strconv.ParseUint: parsing \"4294967296\": value out of range", "--uid", "4294967296")]
    [InlineData("invalid argument \"maybe\" for \"-d, --detach\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax", "--detach=maybe")]
    [InlineData("invalid argument \"\" for \"-d, --detach\" flag: strconv.ParseBool: parsing \"\": invalid syntax", "--detach=")]
    [InlineData("invalid argument \"\" for \"-m, --memory\" flag: strconv.ParseInt: parsing \"\": invalid syntax", "--memory=")]
    public void Parse_MalformedValue_ThrowsPflagMessage(string expected, params string[] args) =>
        Assert.Equal(expected, ErrorOf(args));

    [Fact]
    public void Parse_CustomParserFails_MessageEndsWithItsReason()
    {
        var set = new FlagSet();
        set.Custom("memory", 'm', 0L, "bytes", "Memory limit",
            s => throw new FormatException($"invalid size: '{s}'"));
        var ex = Assert.Throws<FlagException>(() => set.Parse(["-m", "lots"]));
        Assert.Equal("invalid argument \"lots\" for \"-m, --memory\" flag: invalid size: 'lots'", ex.Message);
    }

    [Theory]
    [InlineData("bad flag syntax: ---x", "---x")]
    [InlineData("bad flag syntax: --=x", "--=x")]
    public void Parse_BadSyntax_ThrowsPflagMessage(string expected, string arg) =>
        Assert.Equal(expected, ErrorOf(arg));

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-dh")]
    public void Parse_UndefinedHelp_ThrowsHelpRequested(string arg) =>
        Assert.Throws<HelpRequestedException>(() => NewSet().Parse([arg]));

    [Fact]
    public void Parse_ValueQuotedInError_EscapesLikeGo()
    {
        var message = ErrorOf("--memory", "a\"b\n");
        Assert.StartsWith("invalid argument \"a\\\"b\\n\" for", message);
    }

    [Fact]
    public void Register_DuplicateName_Throws()
    {
        var set = NewSet();
        Assert.Throws<ArgumentException>(() => set.Bool("detach", null, "again"));
        Assert.Throws<ArgumentException>(() => set.Bool("other", null, "x").Alias("name"));
    }

    [Fact]
    public void Register_DuplicateShorthand_Throws()
    {
        var set = NewSet();
        var ex = Assert.Throws<ArgumentException>(() => set.Bool("dry-run", 'd', "x"));
        Assert.Contains("'d' shorthand", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-x")]
    [InlineData("a=b")]
    [InlineData("a b")]
    public void Register_InvalidName_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => new FlagSet().Bool(name, null, "x"));
}
