using Cais.Cli.Containers;
using Cais.Cli.Containers.Options;
using Cais.TestSupport;

namespace Cais.Cli.Tests.Containers;

/// <summary>--env-file, --label-file and -e, read as docker reads them.</summary>
public class KeyValueFilesTests
{
    static string? Lookup(string name) => name == "FROM_CLIENT" ? "client value" : null;

    [Fact]
    public void Parse_SkipsCommentsAndBlankLines_KeepsValuesVerbatim()
    {
        var entries = KeyValueFiles.Parse("# a comment\n\nA=1\n  B=two words\nC=\"quoted\"\r\nD=\nE=x=y\n", Lookup);
        Assert.Equal(["A=1", "B=two words", "C=\"quoted\"", "D=", "E=x=y"], entries);
    }

    [Fact]
    public void Parse_BareName_TakesTheClientsValue_OrStaysBare()
    {
        Assert.Equal(["FROM_CLIENT=client value", "UNSET"], KeyValueFiles.Parse("FROM_CLIENT\nUNSET\n", Lookup));
        Assert.Equal(["FROM_CLIENT"], KeyValueFiles.Parse("FROM_CLIENT\n", lookup: null));
    }

    [Fact]
    public void Parse_NameWithWhiteSpace_Throws() =>
        Assert.Equal("variable 'A B' contains whitespaces", Assert.Throws<InvalidOptionException>(() => KeyValueFiles.Parse("A B=1\n", Lookup)).Message);

    [Fact]
    public void Parse_NoName_Throws() =>
        Assert.Equal("no variable name on line '=1'", Assert.Throws<InvalidOptionException>(() => KeyValueFiles.Parse("=1\n", Lookup)).Message);

    [Fact]
    public void ReadEnv_FilesThenCommandLine()
    {
        using var dir = new TempDir("cais-envfile-");
        var file = dir.Combine("app.env");
        File.WriteAllText(file, "A=from-file\nB=2\n");
        Assert.Equal(["A=from-file", "B=2", "A=from-flag"], KeyValueFiles.ReadEnv([file], ["A=from-flag"], Lookup));
    }

    [Fact]
    public void ReadEnv_MissingFile_SaysSoAsDocker()
    {
        var e = Assert.Throws<InvalidOptionException>(() => KeyValueFiles.ReadEnv(["/nonexistent/x.env"], [], Lookup));
        Assert.Equal("open /nonexistent/x.env: no such file or directory", e.Message);
    }

    [Theory]
    [InlineData("A=1", "A=1")]
    [InlineData("FROM_CLIENT", "FROM_CLIENT=client value")]
    [InlineData("UNSET", "UNSET")]
    public void ValidateEnv_Forms(string text, string expected) => Assert.Equal(expected, KeyValueFiles.ValidateEnv(text, Lookup));

    [Fact]
    public void ValidateEnv_EmptyName_Throws() =>
        Assert.Equal("invalid environment variable: =x", Assert.Throws<FormatException>(() => KeyValueFiles.ValidateEnv("=x", Lookup)).Message);

    [Fact]
    public void ToMap_BareKeyIsEmpty_LastWins() =>
        Assert.Equal(new Dictionary<string, string> { ["a"] = "2", ["b"] = "" }, KeyValueFiles.ToMap(["a=1", "b", "a=2"]));
}
