using System.Text.Json.Nodes;
using Cais.Cli.Format.Templates;
using static Cais.Cli.Tests.Format.Templates.TemplateFixtures;

namespace Cais.Cli.Tests.Format.Templates;

/// <summary>--format for list commands: table, plain templates, json, and the command's default table.</summary>
public class FormatRendererTests
{
    const string DefaultPsTable = @"table {{.ID}}\t{{.Image}}\t{{.Names}}";

    static TemplateValue[] Rows() => [TemplateValue.FromObject(ContainerRow.Web()), TemplateValue.FromObject(ContainerRow.Db())];

    static string Render(string format, IEnumerable<TemplateValue>? items = null, string? defaultTable = DefaultPsTable)
    {
        var output = new StringWriter();
        FormatRenderer.Render(output, format, items ?? Rows(), PsHeaders, defaultTable);
        return output.ToString();
    }

    [Fact]
    public void Table_WritesHeaderFromHeaderMapAndAlignsColumns()
    {
        Assert.Equal(
            "CONTAINER ID   NAMES\n" +
            "4fa6e0f0c678   web\n" +
            "9b1c2d3e4f50   db\n",
            Render(@"table {{.ID}}\t{{.Names}}"));
    }

    [Fact]
    public void Table_NarrowColumns_AreTenWide()
    {
        Assert.Equal(
            "NAMES     STATUS\n" +
            "web       Up 2 minutes\n" +
            "db        Exited (0) 5 seconds ago\n",
            Render(@"table {{.Names}}\t{{.Status}}"));
    }

    [Fact]
    public void Table_Alone_UsesTheCommandsDefaultTable()
    {
        Assert.Equal(
            "CONTAINER ID   IMAGE          NAMES\n" +
            "4fa6e0f0c678   nginx:latest   web\n" +
            "9b1c2d3e4f50   postgres:16    db\n",
            Render("table"));
        Assert.Equal(Render("table"), Render(""));
    }

    [Fact]
    public void Table_WithoutItems_WritesOnlyTheHeader()
    {
        Assert.Equal("CONTAINER ID   NAMES\n", Render(@"table {{.ID}}\t{{.Names}}", []));
    }

    [Fact]
    public void Table_HeaderFunctionsLeaveHeadersAlone()
    {
        Assert.Equal(
            "NAMES     LABELS\n" +
            "WEB       com.example.team=edge,tier=front\n" +
            "DB        \n",
            Render(@"table {{upper .Names}}\t{{lower .Labels}}"));
    }

    [Fact]
    public void Table_LabelInHeader_IsTheLabelsLastPartAsDockerShowsIt()
    {
        // docker's header context has a Label method of its own: the last dotted part, '-' and '_' as spaces.
        Assert.Equal(
            "NAMES     tier      my team\n" +
            "web       front     \n" +
            "db                  \n",
            Render(@"table {{.Names}}\t{{.Label ""tier""}}\t{{.Label ""com.example.my-team""}}"));
    }

    [Fact]
    public void Table_LiteralTextInHeader_IsKept()
    {
        Assert.Equal(
            "ID: CONTAINER ID\n" +
            "ID: 4fa6e0f0c678\n" +
            "ID: 9b1c2d3e4f50\n",
            Render("table ID: {{.ID}}"));
    }

    [Fact]
    public void Plain_RendersEachItemFollowedByNewline()
    {
        Assert.Equal("web: Up 2 minutes\ndb: Exited (0) 5 seconds ago\n", Render("{{.Names}}: {{.Status}}"));
        Assert.Equal("web\t4fa6e0f0c678\ndb\t9b1c2d3e4f50\n", Render(@"{{.Names}}\t{{.ID}}"));
        Assert.Equal("web\n4fa6e0f0c678\ndb\n9b1c2d3e4f50\n", Render(@"{{.Names}}\n{{.ID}}"));
        Assert.Equal("front\n\n", Render("{{.Label \"tier\"}}"));
        Assert.Equal("", Render("{{.Names}}", []));
    }

    [Fact]
    public void Plain_SurroundingSpacesAreTrimmed()
    {
        Assert.Equal("web\ndb\n", Render("  {{.Names}}  "));
    }

    [Fact]
    public void Json_WritesOneObjectPerLine()
    {
        string output = Render("json");
        var lines = output.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("", lines[2]);
        Assert.Equal("""{"Command":"\"nginx -g 'daemon off;'\"","ID":"4fa6e0f0c678","Image":"nginx:latest","Labels":"com.example.team=edge,tier=front","Names":"web","Ports":"0.0.0.0:8080-\u003e80/tcp","Status":"Up 2 minutes"}""", lines[0]);
        Assert.Equal("db", JsonNode.Parse(lines[1])!["Names"]!.GetValue<string>());
    }

    [Fact]
    public void JsonData_RendersThroughTheSamePath()
    {
        var output = new StringWriter();
        FormatRenderer.Render(output, "{{.Name}} {{.State.ExitCode}}", [Inspect()], new Dictionary<string, string>());
        Assert.Equal("/web 137\n", output.ToString());
    }

    [Fact]
    public void RowFailure_PrintsNothingAndReportsLikeDocker()
    {
        var output = new StringWriter();
        var e = Assert.Throws<TemplateException>(() => FormatRenderer.Render(output, "{{.Names}} {{.Nope}}", Rows(), PsHeaders));
        Assert.Equal("template parsing error: template: :1:13: executing \"\" at <.Nope>: can't evaluate field Nope in type *formatter.ContainerContext", e.Message);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void ParseFailure_ReportsLikeDocker()
    {
        var e = Assert.Throws<TemplateException>(() => Render("{{.ID}"));
        Assert.Equal("template parsing error: template: :1: unexpected \"}\" in operand", e.Message);
        Assert.IsAssignableFrom<FormatException>(e);
    }

    [Fact]
    public void TableAlone_WithoutDefault_IsAnArgumentError()
    {
        Assert.Throws<ArgumentException>(() => Render("table", defaultTable: null));
    }
}
