using Cais.Api.Models.Containers;
using Cais.Cli.Containers;
using Cais.Cli.Format.Templates;

namespace Cais.Cli.Tests.Containers;

/// <summary>The fields of a `ps` row and the table they make, computed as docker's ContainerContext computes them.</summary>
public class PsRowTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    static ContainerSummary Web() => new()
    {
        Id = "3972fd1830179403b79aa81a9afc33a0b745e35b01b16d8290ee3a4f2d9d3f27",
        Names = ["/web", "/app/web"],
        Image = "busybox",
        ImageID = "sha256:37621ea41edb9f90d92ae2f4ce16ae54f9718fda936855d9261ad2c820fe00da",
        Command = "sh -c 'while true; do sleep 1; done'",
        Created = Now.AddSeconds(-70).ToUnixTimeSeconds(),
        State = "running",
        Status = "Up About a minute (healthy)",
        Labels = new() { ["tier"] = "front", ["com.x"] = "1" },
        SizeRw = 12,
        SizeRootFs = 1986002,
    };

    static string Field(ContainerSummary c, string name, bool truncate = true)
    {
        Assert.True(new ContainerRow(c, truncate, Now).TryGetField(name, out var value), name);
        return value.IsNil ? "<nil>" : value.AsString;
    }

    [Fact]
    public void Truncated_ShortIdFirstNameQuotedShortCommand()
    {
        var c = Web();
        Assert.Equal("3972fd183017", Field(c, "ID"));
        Assert.Equal("web", Field(c, "Names"));
        Assert.Equal("\"sh -c 'while true; …\"", Field(c, "Command"));
        Assert.Equal("About a minute ago", Field(c, "RunningFor"));
        Assert.Equal("Up About a minute (healthy)", Field(c, "Status"));
        Assert.Equal("com.x=1,tier=front", Field(c, "Labels"));
        Assert.Equal("12B (virtual 1.99MB)", Field(c, "Size"));
        Assert.Equal("0", Field(c, "LocalVolumes"));
    }

    [Fact]
    public void NoTrunc_FullIdAllNamesWholeCommand()
    {
        var c = Web();
        Assert.Equal(c.Id, Field(c, "ID", truncate: false));
        Assert.Equal("web,app/web", Field(c, "Names", truncate: false));
        Assert.Equal("\"sh -c 'while true; do sleep 1; done'\"", Field(c, "Command", truncate: false));
    }

    [Theory]
    [InlineData("busybox", "busybox")]
    [InlineData("docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("registry.example:5000/team/app:1@sha256:0000000000000000000000000000000000000000000000000000000000000000", "registry.example:5000/team/app:1")]
    [InlineData("sha256:37621ea41edb9f90d92ae2f4ce16ae54f9718fda936855d9261ad2c820fe00da", "37621ea41edb")]
    [InlineData("", "<no image>")]
    public void Image_FamiliarAndWithoutDigest(string image, string expected)
    {
        var c = Web();
        c.Image = image;
        Assert.Equal(expected, Field(c, "Image"));
    }

    [Fact]
    public void Size_WithoutRootSize_OnlyTheWritableLayer()
    {
        var c = Web();
        c.SizeRootFs = 0;
        Assert.Equal("12B", Field(c, "Size"));
    }

    [Fact]
    public void Platform_IsNilAsInDocker() => Assert.Equal("<nil>", Field(Web(), "Platform"));

    [Fact]
    public void Label_Method_ReturnsTheValueOrEmpty()
    {
        var row = TemplateValue.FromObject(new ContainerRow(Web(), true, Now));
        Assert.Equal("front|", GoTemplate.Parse("{{.Label \"tier\"}}|{{.Label \"nope\"}}").Execute(row));
    }

    [Fact]
    public void DefaultTable_HasDockersColumnsAndWidths()
    {
        var output = new StringWriter();
        var exited = Web();
        exited.Id = "038451677e3e" + new string('0', 52);
        exited.Names = ["/done"];
        exited.Command = "sh -c exit 3";
        exited.Status = "Exited (3) 2 minutes ago";

        FormatRenderer.Render(output, "", [TemplateValue.FromObject(new ContainerRow(Web(), true, Now)), TemplateValue.FromObject(new ContainerRow(exited, true, Now))],
            ContainerRow.Headers, ContainerRow.DefaultTableFormat);

        Assert.Equal(
            "CONTAINER ID   IMAGE     COMMAND                  CREATED              STATUS                        PORTS     NAMES\n" +
            "3972fd183017   busybox   \"sh -c 'while true; …\"   About a minute ago   Up About a minute (healthy)             web\n" +
            "038451677e3e   busybox   \"sh -c exit 3\"           About a minute ago   Exited (3) 2 minutes ago                done\n",
            output.ToString());
    }

    [Fact]
    public void Json_HasDockersFieldsSorted()
    {
        var c = Web();
        c.Created = 1795452189;
        var json = GoTemplate.Parse("{{json .}}").Execute(TemplateValue.FromObject(new ContainerRow(c, true, Now)));

        Assert.StartsWith("{\"Command\":\"\\\"sh -c 'while true; …\\\"\",\"CreatedAt\":\"2026-11-23 ", json);
        Assert.Contains("\"ID\":\"3972fd183017\",\"Image\":\"busybox\",\"Labels\":\"com.x=1,tier=front\",\"LocalVolumes\":\"0\",\"Mounts\":\"\",\"Names\":\"web\",\"Networks\":\"\",\"Platform\":null,\"Ports\":\"\",", json);
        Assert.EndsWith("\"Size\":\"12B (virtual 1.99MB)\",\"State\":\"running\",\"Status\":\"Up About a minute (healthy)\"}", json);
    }

    [Fact]
    public void Ports_GroupedSortedAndPublishedLast()
    {
        var ports = new List<Port>
        {
            new() { PrivatePort = 9002, Type = "tcp" },
            new() { PrivatePort = 9000, Type = "tcp" },
            new() { PrivatePort = 9001, Type = "tcp" },
            new() { PrivatePort = 53, Type = "udp" },
            new() { Ip = "0.0.0.0", PrivatePort = 80, PublicPort = 8080, Type = "tcp" },
            new() { Ip = "0.0.0.0", PrivatePort = 443, PublicPort = 443, Type = "tcp" },
            new() { Ip = "::", PrivatePort = 80, PublicPort = 8080, Type = "tcp" },
        };

        Assert.Equal("53/udp, 0.0.0.0:443->443/tcp, 9000-9002/tcp, 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp", PortsText.Of(ports));
    }
}
