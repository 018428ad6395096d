using Cais.Cli.Format.Templates;
using static Cais.Cli.Tests.Format.Templates.TemplateFixtures;

namespace Cais.Cli.Tests.Format.Templates;

/// <summary>Less common corners of the template syntax.</summary>
public class SyntaxEdgeTests
{
    [Theory]
    [InlineData("{{ .Name }}", "/web")]
    [InlineData("{{\t.Name\t}}", "/web")]
    [InlineData("{{if .State.Running -}} up {{- else -}} down {{- end}}", "down")]
    [InlineData("{{if eq .State.ExitCode 0}}a{{else if eq .State.ExitCode 1}}b{{else if eq .State.ExitCode 137}}c{{else}}d{{end}}", "c")]
    [InlineData("{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{break}}{{end}}", "backend")]
    [InlineData("{{range .Mounts}}{{range $.Args}}{{.}};{{end}}|{{end}}", "-c;echo hi && exit 137;|-c;echo hi && exit 137;|")]
    [InlineData("{{range .Mounts}}{{if eq .Type \"bind\"}}{{continue}}{{end}}{{.Name}}{{end}}", "data")]
    [InlineData("{{'\\''}} {{'\\x41'}} {{'é'}}", "39 65 233")]
    [InlineData("{{\"\\101\\x42\\u0043\\U00000044\"}}", "ABCD")]
    [InlineData("{{`a\"b`}}", "a\"b")]
    [InlineData("{{$x := \"a\"}}{{range .Args}}{{$x = .}}{{end}}{{$x}}", "echo hi && exit 137")]
    [InlineData("{{$first := index .Config.Cmd 0}}{{$first}}", "sh")]
    [InlineData("{{(split .Name \"/\")}}", "[ web]")]
    [InlineData("{{index (split .Name \"/\") 1}}", "web")]
    [InlineData("{{len .Config.Labels | printf \"%03d\"}}", "002")]
    [InlineData("text only", "text only")]
    [InlineData("", "")]
    [InlineData("{{/* only a comment */}}", "")]
    [InlineData("{ not an action }", "{ not an action }")]
    public void Template_EvaluatesAsGo(string template, string expected) => Assert.Equal(expected, Run(template));

    [Fact]
    public void Range_OverIntWithTwoVariables_IsAnError()
    {
        var e = Assert.Throws<TemplateException>(() => Run("{{range $i, $v := 3}}{{end}}"));
        Assert.EndsWith("can't use 3 to iterate over more than one variable", e.Message);
    }

    [Fact]
    public void Data_BuiltInCode_PrintsAndSerializesLikeJson()
    {
        var data = TemplateValue.FromMap(new Dictionary<string, TemplateValue>
        {
            ["b"] = TemplateValue.FromFloat(2.5),
            ["a"] = TemplateValue.FromStrings(["x", "y"]),
            ["c"] = TemplateValue.Nil,
            ["d"] = TemplateValue.FromInt(-7),
            ["e"] = TemplateValue.True,
        });
        Assert.Equal("map[a:[x y] b:2.5 c:<nil> d:-7 e:true]", GoTemplate.Parse("{{.}}").Execute(data));
        Assert.Equal("""{"a":["x","y"],"b":2.5,"c":null,"d":-7,"e":true}""", GoTemplate.Parse("{{json .}}").Execute(data));
    }

    [Fact]
    public void Data_JsonBuiltInCode_WithClrNumbers_PrintsTheirValues()
    {
        var node = new System.Text.Json.Nodes.JsonObject { ["n"] = 42, ["f"] = 0.25, ["big"] = 3e20 };
        var data = TemplateValue.FromJson(node);
        // Beyond int64 a number stays a float64, printed as Go prints one.
        Assert.Equal("42 0.25 3e+20", GoTemplate.Parse("{{.n}} {{.f}} {{.big}}").Execute(data));
        Assert.Equal("""{"n":42,"f":0.25,"big":300000000000000000000}""", GoTemplate.Parse("{{json .}}").Execute(data));
    }
}
