using System.Text.Json;
using Cais.Integration.Tests.Images;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Cli.Queries;

/// <summary>`cais ps` against a real daemon: docker's table, its filters, -q, -n, -l, --no-trunc, sizes and templates.</summary>
[Collection("containers")]
public sealed class PsTests(CaisDaemonFixture daemon) : IClassFixture<CaisDaemonFixture>
{
    readonly ContainerApi api = new(daemon);

    [RootFact]
    public void Ps_Default_RunningOnlyInDockersColumns()
    {
        var webName = ContainerApi.UniqueName("web");
        var web = api.Running(webName);
        var doneName = ContainerApi.UniqueName("done");
        api.Exited(doneName, 3);

        var table = ImageTable.Parse(daemon.Succeed("ps").Stdout);

        Assert.Equal(["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"], table.Columns);
        var row = Assert.Single(table.Rows, r => r["NAMES"] == webName);
        Assert.Equal(web[..12], row["CONTAINER ID"]);
        Assert.Equal("busybox", row["IMAGE"]);
        Assert.Equal("\"sleep 1000\"", row["COMMAND"]);
        Assert.EndsWith(" ago", row["CREATED"]);
        Assert.StartsWith("Up ", row["STATUS"]);
        Assert.DoesNotContain(table.Rows, r => r["NAMES"] == doneName);
    }

    [RootFact]
    public void Ps_All_ShowsExitedWithCodeAndCreated()
    {
        var doneName = ContainerApi.UniqueName("done");
        api.Exited(doneName, 3);
        var freshName = ContainerApi.UniqueName("fresh");
        api.Create(freshName, ["echo", "hi", "a b"]);

        var table = ImageTable.Parse(daemon.Succeed("ps", "-a").Stdout);

        Assert.StartsWith("Exited (3) ", Assert.Single(table.Rows, r => r["NAMES"] == doneName)["STATUS"]);
        var fresh = Assert.Single(table.Rows, r => r["NAMES"] == freshName);
        Assert.Equal("Created", fresh["STATUS"]);
        Assert.Equal("\"echo hi a b\"", fresh["COMMAND"]);
    }

    [RootFact]
    public void Ps_Quiet_ShortIdsOrFullWithNoTrunc()
    {
        var id = api.Running(ContainerApi.UniqueName("quiet"));

        Assert.Contains(id[..12], Lines(daemon.Succeed("ps", "-q").Stdout));
        Assert.Contains(id, Lines(daemon.Succeed("ps", "-q", "--no-trunc").Stdout));
        Assert.All(Lines(daemon.Succeed("ps", "-aq").Stdout), line => Assert.Matches("^[0-9a-f]{12}$", line));
    }

    [RootFact]
    public void Ps_NoTrunc_FullIdAndCommand()
    {
        var name = ContainerApi.UniqueName("long");
        var id = api.Create(name, ["sh", "-c", "while true; do sleep 1; done"]);
        api.Start(id);

        var truncated = Assert.Single(ImageTable.Parse(daemon.Succeed("ps").Stdout).Rows, r => r["NAMES"] == name);
        var full = Assert.Single(ImageTable.Parse(daemon.Succeed("ps", "--no-trunc").Stdout).Rows, r => r["NAMES"] == name);

        // The daemon joins the command line with spaces, unquoted, as Docker's does.
        Assert.Equal("\"sh -c while true; d…\"", truncated["COMMAND"]);
        Assert.Equal(id, full["CONTAINER ID"]);
        Assert.Equal("\"sh -c while true; do sleep 1; done\"", full["COMMAND"]);
    }

    [RootFact]
    public void Ps_Filters_ByNameLabelStatusIdAncestorAndExitCode()
    {
        var tag = TempDir.RandomName();
        var front = api.Running(ContainerApi.UniqueName("front"), new Dictionary<string, string> { ["suite"] = tag, ["tier"] = "front" });
        var back = api.Running(ContainerApi.UniqueName("back"), new Dictionary<string, string> { ["suite"] = tag, ["tier"] = "back" });
        var failed = api.Exited(ContainerApi.UniqueName("failed"), 7, new Dictionary<string, string> { ["suite"] = tag });
        var suite = $"label=suite={tag}";

        Assert.Equal(Ids(front, back), Quiet("-f", suite));
        Assert.Equal(Ids(front, back, failed), Quiet("-a", "-f", suite));
        Assert.Equal(Ids(front), Quiet("-f", suite, "--filter", "label=tier=front"));
        Assert.Equal(Ids(failed), Quiet("-a", "-f", suite, "-f", "status=exited"));
        Assert.Equal(Ids(failed), Quiet("-a", "-f", suite, "-f", "exited=7"));
        Assert.Empty(Quiet("-a", "-f", suite, "-f", "exited=0"));
        Assert.Equal(Ids(back), Quiet("-a", "-f", $"id={back[..16]}"));
        Assert.Equal(Ids(front, back, failed), Quiet("-a", "-f", suite, "-f", "ancestor=busybox"));
        var frontName = daemon.Succeed("inspect", "-f", "{{.Name}}", front).Stdout.Trim().TrimStart('/');
        Assert.Equal(Ids(front), Quiet("-a", "-f", $"name={frontName}"));
    }

    [RootFact]
    public void Ps_LastAndLatest_NewestCreatedWhateverTheirState()
    {
        var tag = TempDir.RandomName();
        var labels = new Dictionary<string, string> { ["suite"] = tag };
        api.Running(ContainerApi.UniqueName("first"), labels);
        var second = api.Exited(ContainerApi.UniqueName("second"), 0, labels);
        var third = api.Create(ContainerApi.UniqueName("third"), ["true"], labels);

        Assert.Equal([third[..12]], Quiet("-l", "-f", $"label=suite={tag}"));
        Assert.Equal([third[..12], second[..12]], Quiet("-n", "2", "-f", $"label=suite={tag}"));
    }

    [RootFact]
    public void Ps_Format_TemplatesAsDocker()
    {
        var name = ContainerApi.UniqueName("fmt");
        var id = api.Running(name, new Dictionary<string, string> { ["tier"] = "front", ["com.x"] = "1" });
        var only = new[] { "-f", $"name={name}" };

        Assert.Equal($"{name} front\n", daemon.Succeed(["ps", .. only, "--format", "{{.Names}} {{.Label \"tier\"}}"]).Stdout);
        Assert.Equal($"{id[..12]}\t{name}\n".Replace("\t", "   "),
            string.Join("\n", Lines(daemon.Succeed(["ps", .. only, "--format", "table {{.ID}}\\t{{.Names}}"]).Stdout).Skip(1)) + "\n");
        Assert.Equal("CONTAINER ID   NAMES", Lines(daemon.Succeed(["ps", .. only, "--format", "table {{.ID}}\\t{{.Names}}"]).Stdout)[0]);

        var json = JsonDocument.Parse(daemon.Succeed(["ps", .. only, "--format", "{{json .}}"]).Stdout).RootElement;
        Assert.Equal(["Command", "CreatedAt", "ID", "Image", "Labels", "LocalVolumes", "Mounts", "Names", "Networks", "Platform", "Ports", "RunningFor", "Size", "State", "Status"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("com.x=1,tier=front", json.GetProperty("Labels").GetString());
        Assert.Equal("running", json.GetProperty("State").GetString());
        // "json" is {{json .}}, though it does not ask the daemon for sizes.
        var keyword = JsonDocument.Parse(daemon.Succeed(["ps", .. only, "--format", "json"]).Stdout).RootElement;
        Assert.Equal(Without(json, "Size", "RunningFor", "Status"), Without(keyword, "Size", "RunningFor", "Status"));
    }

    [RootFact]
    public void Ps_Size_AddsTheColumnAndTemplatesUsingSizeAskForIt()
    {
        var name = ContainerApi.UniqueName("sized");
        api.Running(name);

        var table = ImageTable.Parse(daemon.Succeed("ps", "-s", "-f", $"name={name}").Stdout);

        Assert.Equal("SIZE", table.Columns[^1]);
        Assert.Matches(@"^\d+(\.\d+)?[kMG]?B( \(virtual \d+(\.\d+)?[kMG]?B\))?$", Assert.Single(table.Rows)["SIZE"]);
        Assert.Matches(@"^\d+(\.\d+)?[kMG]?B", daemon.Succeed("ps", "-f", $"name={name}", "--format", "{{.Size}}").Stdout);
    }

    [RootFact]
    public void Ps_QuietWithFormat_WarnsAndPrintsIds()
    {
        var name = ContainerApi.UniqueName("warn");
        var id = api.Running(name);

        var r = daemon.Succeed("ps", "-q", "--format", "{{.Names}}", "-f", $"name={name}");

        Assert.Equal($"{id[..12]}\n", r.Stdout);
        Assert.Contains("WARNING: Ignoring custom format, because both --format and --quiet are set.", r.Stderr);
    }

    [RootTheory]
    [InlineData(new[] { "ps", "--format", "{{" }, 1, "failed to parse template: template: :1: unclosed action")]
    [InlineData(new[] { "ps", "--format", "{{.Nope}}" }, 1, "failed to execute template: template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type *formatter.ContainerContext")]
    [InlineData(new[] { "ps", "-f", "nofilter" }, 125, "invalid argument \"nofilter\" for \"-f, --filter\" flag: bad format of filter (expected name=value)")]
    [InlineData(new[] { "ps", "-f", "bogus=1" }, 1, "Error response from daemon: invalid filter 'bogus'")]
    [InlineData(new[] { "ps", "--bogus" }, 125, "unknown flag: --bogus")]
    [InlineData(new[] { "ps", "extra" }, 1, "cais: 'cais ps' accepts no arguments")]
    public void Ps_BadInput_DockersMessageAndStatus(string[] args, int status, string message)
    {
        var r = daemon.Cais(args);

        Assert.True(r.ExitCode == status, $"exit {r.ExitCode}\n{r.Describe()}");
        Assert.StartsWith(message, r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    static Dictionary<string, string> Without(JsonElement row, params string[] names) =>
        row.EnumerateObject().Where(p => !names.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value.GetRawText());

    List<string> Quiet(params string[] args) => Lines(daemon.Succeed(["ps", "-q", .. args]).Stdout);

    static List<string> Ids(params string[] ids) => [.. ids.Select(id => id[..12]).Reverse()];

    static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
}
