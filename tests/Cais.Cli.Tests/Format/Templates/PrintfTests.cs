using static Cais.Cli.Tests.Format.Templates.TemplateFixtures;

namespace Cais.Cli.Tests.Format.Templates;

/// <summary>printf as Go's fmt.Sprintf formats, including its marks for mistakes.</summary>
public class PrintfTests
{
    [Theory]
    [InlineData("{{printf \"%-10s|\" .Name}}", "/web      |")]
    [InlineData("{{printf \"%10s|\" .Name}}", "      /web|")]
    [InlineData("{{printf \"%5d|%-5d|%05d\" 42 42 42}}", "   42|42   |00042")]
    [InlineData("{{printf \"%x %X %o %b %#x\" 255 255 8 5 255}}", "ff FF 10 101 0xff")]
    [InlineData("{{printf \"%q\" \"a\\\"b\\n\"}}", "\"a\\\"b\\n\"")]
    [InlineData("{{printf \"%t\" true}}", "true")]
    [InlineData("{{printf \"%.2f\" 3.14159}}", "3.14")]
    [InlineData("{{printf \"%6.2f|\" 3.14159}}", "  3.14|")]
    [InlineData("{{printf \"%e\" 1234.5678}}", "1.234568e+03")]
    [InlineData("{{printf \"%g\" 0.00001234}}", "1.234e-05")]
    [InlineData("{{printf \"%.3g\" 1234.5678}}", "1.23e+03")]
    [InlineData("{{printf \"%.2f\" .State.ExitCode}}", "137.00")]
    [InlineData("{{printf \"%v\" .Config.Labels}}", "map[com.example.a:1 com.example.b:2]")]
    [InlineData("{{printf \"%s\" .Config.Env}}", "[PATH=/usr/local/sbin:/usr/bin A=<1>&2]")]
    [InlineData("{{printf \"%d\" .State.ExitCode}}", "137")]
    [InlineData("{{printf \"%v %v\" 1.0 1e6}}", "1 1e+06")]
    [InlineData("{{printf \"%.3s\" \"abcdef\"}}", "abc")]
    [InlineData("{{printf \"%x\" \"hi\"}}", "6869")]
    [InlineData("{{printf \"%c%c\" 72 105}}", "Hi")]
    [InlineData("{{printf \"100%%\"}}", "100%")]
    [InlineData("{{printf \"%+d % d\" 5 5}}", "+5  5")]
    [InlineData("{{printf \"%*d|\" 4 7}}", "   7|")]
    [InlineData("{{printf \"%d\" \"x\"}}", "%!d(string=x)")]
    [InlineData("{{printf \"%s\" 5}}", "%!s(int=5)")]
    [InlineData("{{printf \"%s\"}}", "%!s(MISSING)")]
    [InlineData("{{printf \"%s\" \"a\" \"b\" 3}}", "a%!(EXTRA string=b, int=3)")]
    [InlineData("{{printf \"%s\" .Nope}}", "%!s(<nil>)")]
    [InlineData("{{printf \"%v\" .State.Health}}", "<nil>")]
    [InlineData("{{printf \"%d\" 1.5}}", "%!d(float64=1.5)")]
    [InlineData("{{printf \"abc%\"}}", "abc%!(NOVERB)")]
    [InlineData("{{printf \"%5t|%-6v|\" false true}}", "false|true  |")]
    [InlineData("{{printf \"%-8s%s\" \"héllo\" \"|\"}}", "héllo   |")]
    [InlineData("{{printf \"%T %T %T %T %T\" .Name .State.ExitCode .Config.Env .State .State.Health}}", "string int []interface {} map[string]interface {} <nil>")]
    public void Printf_FormatsAsGoFmt(string template, string expected) => Assert.Equal(expected, Run(template));
}
