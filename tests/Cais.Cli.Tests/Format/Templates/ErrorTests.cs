using Cais.Cli.Format.Templates;
using static Cais.Cli.Tests.Format.Templates.TemplateFixtures;

namespace Cais.Cli.Tests.Format.Templates;

/// <summary>Bad templates fail with Go's wording and the place of the problem.</summary>
public class ErrorTests
{
    [Theory]
    [InlineData("{{.Name}", "template: :1: unexpected \"}\" in operand")]
    [InlineData("{{.Name", "template: :1: unclosed action")]
    [InlineData("line one\n{{.Name}", "template: :2: unexpected \"}\" in operand")]
    [InlineData("{{if .A}}x", "template: :1: unexpected EOF")]
    [InlineData("{{end}}", "template: :1: unexpected {{end}}")]
    [InlineData("{{else}}", "template: :1: unexpected {{else}}")]
    [InlineData("{{nope .A}}", "template: :1: function \"nope\" not defined")]
    [InlineData("{{$x}}", "template: :1: undefined variable \"$x\"")]
    [InlineData("{{if true}}{{$x := 1}}{{end}}{{$x}}", "template: :1: undefined variable \"$x\"")]
    [InlineData("{{$x = 1}}", "template: :1: undefined variable \"$x\"")]
    [InlineData("{{}}", "template: :1: missing value for command")]
    [InlineData("{{if}}x{{end}}", "template: :1: missing value for if")]
    [InlineData("{{break}}", "template: :1: {{break}} outside {{range}}")]
    [InlineData("{{range .A}}{{else}}{{continue}}{{end}}", "template: :1: {{continue}} outside {{range}}")]
    [InlineData("{{\"abc}}", "template: :1: unterminated quoted string")]
    [InlineData("{{`abc}}", "template: :1: unterminated raw quoted string")]
    [InlineData("{{/* x }}", "template: :1: unclosed comment")]
    [InlineData("{{/* x */ .A}}", "template: :1: comment ends before closing delimiter")]
    [InlineData("{{.A | 3}}", "template: :1: non executable command in pipeline stage 2")]
    [InlineData("{{(.A}}", "template: :1: unclosed left paren")]
    [InlineData("{{.A)}}", "template: :1: unexpected right paren")]
    [InlineData("{{.Name!}}", "template: :1: bad character U+0021 '!'")]
    [InlineData("{{3x}}", "template: :1: bad number syntax: \"3x\"")]
    [InlineData("{{\"a\".B}}", "template: :1: unexpected . after term \"\\\"a\\\"\"")]
    [InlineData("{{if .A}}{{else}}{{else}}{{end}}", "template: :1: expected end; found {{else}}")]
    [InlineData("{{end x}}", "template: :1: unexpected \"x\" in end")]
    [InlineData("{{range $i, $v, $w := .}}{{end}}", "template: :1: too many declarations in range")]
    [InlineData("{{$a, $b := .}}", "template: :1: too many declarations in command")]
    [InlineData("{{99999999999999999999}}", "template: :1: 99999999999999999999 overflows int")]
    [InlineData("{{\"\\q\"}}", "template: :1: invalid syntax: unknown escape \\q")]
    public void Parse_BadTemplate_FailsWithGoMessage(string template, string expected)
    {
        var e = Assert.Throws<TemplateException>(() => GoTemplate.Parse(template));
        Assert.Equal(expected, e.Message);
    }

    [Theory]
    [InlineData("{{define \"x\"}}{{end}}")]
    [InlineData("{{template \"x\"}}")]
    [InlineData("{{block \"x\" .}}{{end}}")]
    public void Parse_NamedTemplates_AreRefusedClearly(string template)
    {
        var e = Assert.Throws<TemplateException>(() => GoTemplate.Parse(template));
        Assert.Contains("is not supported", e.Message);
    }

    [Theory]
    [InlineData("{{.State.Health.Status}}", "template: :1:8: executing \"\" at <.State.Health.Status>: nil pointer evaluating interface {}.Status")]
    [InlineData("{{.Name.Foo}}", "template: :1:7: executing \"\" at <.Name.Foo>: can't evaluate field Foo in type string")]
    [InlineData("{{index .Args 5}}", "template: :1:2: executing \"\" at <index .Args 5>: error calling index: index out of range: 5")]
    [InlineData("{{upper .Nope}}", "template: :1:8: executing \"\" at <.Nope>: invalid value; expected string")]
    [InlineData("{{upper .State.ExitCode}}", "template: :1:14: executing \"\" at <.State.ExitCode>: wrong type for value; expected string; got int")]
    [InlineData("{{len 3}}", "template: :1:2: executing \"\" at <len 3>: error calling len: len of type int")]
    [InlineData("{{eq .Name 1}}", "template: :1:2: executing \"\" at <eq .Name 1>: error calling eq: incompatible types for comparison")]
    [InlineData("{{eq .Name}}", "template: :1:2: executing \"\" at <eq .Name>: error calling eq: missing argument for comparison")]
    [InlineData("{{lt true false}}", "template: :1:2: executing \"\" at <lt true false>: error calling lt: invalid type for comparison")]
    [InlineData("{{eq .Config.Env .Config.Env}}", "template: :1:2: executing \"\" at <eq .Config.Env .Config.Env>: error calling eq: non-comparable type [PATH=/usr/local/sbin:/usr/bin A=<1>&2]: []interface {}")]
    [InlineData("{{truncate .Name \"x\"}}", "template: :1:17: executing \"\" at <\"x\">: expected integer; found \"x\"")]
    [InlineData("{{printf}}", "template: :1:2: executing \"\" at <printf>: wrong number of args for printf: want at least 1 got 0")]
    [InlineData("{{join .Args}}", "template: :1:2: executing \"\" at <join>: wrong number of args for join: want 2 got 1")]
    [InlineData("{{.Name 1}}", "template: :1:2: executing \"\" at <.Name>: Name is not a method but has arguments")]
    [InlineData("{{1 2}}", "template: :1:2: executing \"\" at <1>: can't give argument to non-function 1")]
    [InlineData("{{range .Name}}{{end}}", "template: :1:8: executing \"\" at <.Name>: range can't iterate over /web")]
    [InlineData("{{nil}}", "template: :1:2: executing \"\" at <nil>: nil is not a command")]
    [InlineData("{{slice .Config.Cmd 2 1}}", "template: :1:2: executing \"\" at <slice .Config.Cmd 2 1>: error calling slice: invalid slice index: 2 > 1")]
    [InlineData("{{index .Config.Labels 1}}", "template: :1:2: executing \"\" at <index .Config.Labels 1>: error calling index: value has type int; should be string")]
    [InlineData("{{index .Nope 1}}", "template: :1:2: executing \"\" at <index .Nope 1>: error calling index: index of untyped nil")]
    [InlineData("line\n  {{.Name.Foo}}", "template: :2:9: executing \"\" at <.Name.Foo>: can't evaluate field Foo in type string")]
    [InlineData("é{{.Name.Foo}}", "template: :1:9: executing \"\" at <.Name.Foo>: can't evaluate field Foo in type string")]
    public void Execute_Failure_NamesPositionNodeAndProblem(string template, string expected)
    {
        var e = Assert.Throws<TemplateException>(() => Run(template));
        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void Execute_ObjectWithoutField_SaysWhichTypeLacksIt()
    {
        var e = Assert.Throws<TemplateException>(() => GoTemplate.Parse("{{.Nope}}").Execute(TemplateValue.FromObject(ContainerRow.Web())));
        Assert.Equal("template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type *formatter.ContainerContext", e.Message);
    }

    [Theory]
    [InlineData("{{.Label \"x\" \"y\"}}", "template: :1:2: executing \"\" at <.Label>: error calling Label: wrong number of args for Label: want 1 got 2")]
    [InlineData("{{.ID \"x\"}}", "template: :1:2: executing \"\" at <.ID>: ID has arguments but cannot be invoked as function")]
    public void Execute_ObjectMethodMisuse_FailsWithContext(string template, string expected)
    {
        var e = Assert.Throws<TemplateException>(() => GoTemplate.Parse(template).Execute(TemplateValue.FromObject(ContainerRow.Web())));
        Assert.Equal(expected, e.Message);
    }
}
