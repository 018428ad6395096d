using Cais.Cli.Format.Templates;

namespace Cais.Cli.Tests.Format.Templates;

/// <summary>Row objects: computed fields, methods with arguments, and their use in pipelines and functions.</summary>
public class TemplateObjectTests
{
    static string Run(string template) => GoTemplate.Parse(template).Execute(TemplateValue.FromObject(ContainerRow.Web()));

    [Theory]
    [InlineData("{{.ID}}", "4fa6e0f0c678")]
    [InlineData("{{.Names}} {{.Image}}", "web nginx:latest")]
    [InlineData("{{.Label \"com.example.team\"}}", "edge")]
    [InlineData("[{{.Label \"missing\"}}]", "[]")]
    [InlineData("{{\"tier\" | .Label}}", "front")]
    [InlineData("{{upper (.Label \"tier\")}}", "FRONT")]
    [InlineData("{{.Label \"tier\" | printf \"<%s>\"}}", "<front>")]
    [InlineData("{{if eq (.Label \"tier\") \"front\"}}yes{{end}}", "yes")]
    [InlineData("{{with .}}{{.ID}}{{end}}", "4fa6e0f0c678")]
    [InlineData("{{if .}}true{{end}}", "true")]
    [InlineData("{{$r := .}}{{$r.Names}}", "web")]
    [InlineData("{{truncate .ID 4}}", "4fa6")]
    public void Object_FieldsAndMethods_Evaluate(string template, string expected) => Assert.Equal(expected, Run(template));

    [Fact]
    public void Object_MethodArgumentOfWrongType_IsReportedByTheObject()
    {
        var e = Assert.Throws<TemplateException>(() => Run("{{.Label 3}}"));
        Assert.Equal("template: :1:2: executing \"\" at <.Label>: error calling Label: Label wants a string, got int", e.Message);
    }

    [Fact]
    public void Object_InsideJsonMap_IsReachable()
    {
        var data = TemplateValue.FromMap(new Dictionary<string, TemplateValue>
        {
            ["row"] = TemplateValue.FromObject(ContainerRow.Db()),
            ["list"] = TemplateValue.FromList([TemplateValue.FromObject(ContainerRow.Web()), TemplateValue.FromObject(ContainerRow.Db())]),
        });
        Assert.Equal("db web,db,", GoTemplate.Parse("{{.row.Names}} {{range .list}}{{.Names}},{{end}}").Execute(data));
    }
}
