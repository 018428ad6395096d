using System.Text.Json;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Cli.Queries;

/// <summary>`cais inspect` (and `container inspect`, `image inspect`): the daemon's JSON laid out as docker lays it out.</summary>
[Collection("containers")]
public sealed class InspectTests(CaisDaemonFixture daemon) : IClassFixture<CaisDaemonFixture>
{
    readonly ContainerApi api = new(daemon);

    [RootFact]
    public void Inspect_Container_IndentedArrayOfTheDaemonsJson()
    {
        var name = ContainerApi.UniqueName("web");
        var id = api.Running(name);

        var r = daemon.Succeed("inspect", name);

        Assert.StartsWith("[\n    {\n        \"Id\": \"" + id + "\",\n", r.Stdout);
        Assert.EndsWith("\n    }\n]\n", r.Stdout);
        var element = Assert.Single(JsonDocument.Parse(r.Stdout).RootElement.EnumerateArray());
        Assert.Equal("/" + name, element.GetProperty("Name").GetString());
        Assert.Equal("running", element.GetProperty("State").GetProperty("Status").GetString());
    }

    [RootFact]
    public void Inspect_ContainerAndImage_FindsEachByName()
    {
        var name = ContainerApi.UniqueName("both");
        api.Running(name);

        var array = JsonDocument.Parse(daemon.Succeed("inspect", name, "busybox").Stdout).RootElement;

        Assert.Equal(2, array.GetArrayLength());
        Assert.Equal("/" + name, array[0].GetProperty("Name").GetString());
        Assert.Contains("busybox:latest", array[1].GetProperty("RepoTags").EnumerateArray().Select(t => t.GetString()));
    }

    [RootFact]
    public void Inspect_Missing_Exit1AfterPrintingTheOthers()
    {
        var name = ContainerApi.UniqueName("present");
        api.Running(name);
        var missing = ContainerApi.UniqueName("missing");

        var r = daemon.Cais("inspect", missing, name);

        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"Error: No such object: {missing}\n", r.Stderr);
        Assert.Equal(1, JsonDocument.Parse(r.Stdout).RootElement.GetArrayLength());

        var none = daemon.Cais("inspect", missing);
        Assert.Equal((1, "[]\n"), (none.ExitCode, none.Stdout));
    }

    [RootFact]
    public void Inspect_Format_RunsTheTemplateOverEach()
    {
        var web = ContainerApi.UniqueName("web");
        api.Running(web);
        var done = ContainerApi.UniqueName("done");
        api.Exited(done, 3);

        Assert.Equal($"/{web} running 0\n/{done} exited 3\n",
            daemon.Succeed("inspect", "-f", "{{.Name}} {{.State.Status}} {{.State.ExitCode}}", web, done).Stdout);
        Assert.Equal("[\"sleep\",\"1000\"]\n", daemon.Succeed("container", "inspect", "--format", "{{json .Config.Cmd}}", web).Stdout);
        Assert.Equal("sh\n", daemon.Succeed("image", "inspect", "-f", "{{index .Config.Cmd 0}}", "busybox").Stdout);
    }

    [RootFact]
    public void Inspect_FormatOfAMissingField_TemplateErrorExit1()
    {
        var name = ContainerApi.UniqueName("field");
        api.Running(name);

        var r = daemon.Cais("inspect", "-f", "{{.Foo}}", name);

        Assert.Equal(1, r.ExitCode);
        Assert.Equal("\n", r.Stdout);
        Assert.Equal("template parsing error: template: :1:2: executing \"\" at <.Foo>: map has no entry for key \"Foo\"\n", r.Stderr);
    }

    [RootFact]
    public void Inspect_FormatJson_TheArrayOnOneLine()
    {
        var name = ContainerApi.UniqueName("json");
        var id = api.Running(name);

        var r = daemon.Succeed("inspect", "-f", "json", name);

        Assert.Single(r.Stdout.TrimEnd('\n').Split('\n'));
        Assert.Equal(id, JsonDocument.Parse(r.Stdout).RootElement[0].GetProperty("Id").GetString());
    }

    [RootFact]
    public void Inspect_Type_OnlyThatKind()
    {
        var name = ContainerApi.UniqueName("typed");
        api.Running(name);

        var wrongType = daemon.Cais("inspect", "--type", "image", name);
        Assert.Equal(1, wrongType.ExitCode);
        Assert.StartsWith($"Error response from daemon: No such image: {name}", wrongType.Stderr);

        var image = daemon.Cais("container", "inspect", "busybox");
        Assert.Equal(1, image.ExitCode);
        Assert.Equal("Error response from daemon: No such container: busybox\n", image.Stderr);

        var bad = daemon.Cais("inspect", "--type", "thing", name);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("\"thing\" is not a valid value for --type", bad.Stderr);
    }

    [RootFact]
    public void Inspect_NoArguments_UsageError()
    {
        var r = daemon.Cais("inspect");

        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("cais: 'cais inspect' requires at least 1 argument\n\nUsage:  cais inspect [OPTIONS] NAME|ID [NAME|ID...]", r.Stderr);
    }
}
