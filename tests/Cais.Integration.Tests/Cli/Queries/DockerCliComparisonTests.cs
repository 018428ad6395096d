using Cais.TestSupport;

namespace Cais.Integration.Tests.Cli.Queries;

/// <summary>
/// The same question to the same daemon from the real docker CLI and from cais: the answers must
/// be byte for byte the same. Columns that hold times ("5 seconds ago") may tick between the two
/// runs, so such comparisons are asked again once when they differ.
/// </summary>
[Collection("containers")]
public sealed class DockerCliComparisonTests(CaisDaemonFixture daemon) : IClassFixture<CaisDaemonFixture>
{
    readonly ContainerApi api = new(daemon);

    [DockerCliFact]
    public void Ps_CustomTableOfStableColumns_Identical()
    {
        var suite = Suite();
        Compare("ps", "-a", "--filter", $"label=suite={suite}", "--format", "table {{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.State}}\\t{{.Names}}\\t{{.Labels}}\\t{{.Ports}}\\t{{.Mounts}}");
        Compare("ps", "-a", "-q", "--no-trunc", "--filter", $"label=suite={suite}");
        Compare("ps", "-a", "--filter", $"label=suite={suite}", "--format", "{{.Names}}|{{.Label \"suite\"}}|{{.Label \"nope\"}}|{{.Networks}}|{{.LocalVolumes}}");
    }

    [DockerCliFact]
    public void Ps_DefaultTable_Identical()
    {
        var suite = Suite();
        CompareTicking("ps", "-a", "--filter", $"label=suite={suite}");
        CompareTicking("ps", "-a", "--no-trunc", "--filter", $"label=suite={suite}");
        CompareTicking("ps", "-a", "-s", "--filter", $"label=suite={suite}");
    }

    [DockerCliFact]
    public void Inspect_IndentedAndTemplated_Identical()
    {
        var suite = Suite();
        Compare("inspect", $"web-{suite}", "busybox");
        Compare("inspect", "-f", "{{.Name}} {{.State.Status}} {{json .Config.Labels}} {{.Config.Cmd}}", $"web-{suite}", $"done-{suite}");
        Compare("image", "inspect", "busybox");
        Compare("container", "inspect", "-f", "{{.Id}}", $"done-{suite}");
    }

    [DockerCliFact]
    public void Images_AndHistory_Identical()
    {
        CompareTicking("images");
        daemon.Succeed("tag", "busybox", "cais-test/bb:2");
        CompareRowsUnordered("images");
        CompareRowsUnordered("images", "--digests", "--no-trunc");
        Compare("images", "-q");
        CompareRowsUnordered("images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}} {{.Digest}}");
        CompareTicking("images", "cais-test/bb");
        CompareTicking("history", "busybox");
        Compare("history", "-H=false", "--no-trunc", "busybox");
        Compare("history", "-q", "busybox");
    }

    /// <summary>
    /// docker port and docker-py read NetworkSettings without a null check: inspect must always
    /// carry it, with exposed ports listed unpublished.
    /// </summary>
    [DockerCliFact]
    public void Port_AndNetworkSettings_Identical()
    {
        var name = ContainerApi.UniqueName("exposed");
        daemon.Succeed("create", "--name", name, "--expose", "80", "--expose", "53/udp", "--network", "none", "busybox", "true");
        Compare("port", name);
        Compare("port", name, "80");
        Compare("inspect", "-f", "{{json .NetworkSettings.Ports}} {{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}", name);
        Assert.Equal("{\"53/udp\":null,\"80/tcp\":null} none", Docker(["inspect", "-f", "{{json .NetworkSettings.Ports}} {{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}", name]).Stdout.Trim());
        daemon.Succeed("rm", name);
    }

    [DockerCliFact]
    public void SystemDf_Identical()
    {
        Suite();
        Compare("system", "df");
        Compare("system", "df", "--format", "{{json .}}");
        CompareTicking("system", "df", "-v");
    }

    /// <summary>A running, an exited and a created container sharing a label; returns the label's value.</summary>
    string Suite()
    {
        var suite = TempDir.RandomName();
        var labels = new Dictionary<string, string> { ["suite"] = suite, ["tier"] = "front" };
        api.Running($"web-{suite}", labels);
        api.Exited($"done-{suite}", 3, labels);
        api.Create($"fresh-{suite}", ["echo", "hi", "a b"], labels);
        return suite;
    }

    void Compare(params string[] args)
    {
        var docker = Docker(args);
        var cais = daemon.Cais(args);
        Assert.True(docker.ExitCode == cais.ExitCode, $"`{string.Join(' ', args)}`: docker exited {docker.ExitCode}, cais {cais.ExitCode}\ndocker:\n{docker.Describe()}\ncais:\n{cais.Describe()}");
        Assert.Equal(docker.Stdout, cais.Stdout);
    }

    /// <summary>
    /// As <see cref="Compare"/> for output with times in it ("2 seconds ago"): both asked at the
    /// same moment, and again (a few times) when a second ticked between their two answers.
    /// </summary>
    void CompareTicking(params string[] args)
    {
        string docker = "", cais = "";
        for (int attempt = 0; attempt < 5; attempt++)
        {
            var dockerRun = Task.Run(() => Docker(args));
            var caisRun = Task.Run(() => daemon.Cais(args));
            (docker, cais) = (dockerRun.Result.Stdout, caisRun.Result.Stdout);
            if (docker == cais) return;
        }
        Assert.Equal(docker, cais);
    }

    /// <summary>
    /// As <see cref="CompareTicking"/> with the rows in any order: docker lists the names of one
    /// image in Go's map order, which changes from run to run.
    /// </summary>
    void CompareRowsUnordered(params string[] args)
    {
        // A table keeps its header first; a template's lines are all rows.
        int header = args.Any(a => a.StartsWith("{{", StringComparison.Ordinal)) ? 0 : 1;
        string Sorted(string text)
        {
            var lines = text.Split('\n');
            return string.Join('\n', lines.Take(header).Concat(lines.Skip(header).Order(StringComparer.Ordinal)));
        }
        string docker = "", cais = "";
        for (int attempt = 0; attempt < 5; attempt++)
        {
            var dockerRun = Task.Run(() => Docker(args));
            var caisRun = Task.Run(() => daemon.Cais(args));
            (docker, cais) = (Sorted(dockerRun.Result.Stdout), Sorted(caisRun.Result.Stdout));
            if (docker == cais) return;
        }
        Assert.Equal(docker, cais);
    }

    ProcessResult Docker(string[] args) =>
        ProcessRunner.Run("docker", args, stdin: null, TimeSpan.FromSeconds(60),
            new Dictionary<string, string?> { ["DOCKER_HOST"] = daemon.Host, ["DOCKER_CONTEXT"] = null, ["DOCKER_CONFIG"] = daemon.DataRoot + "-docker-config" });
}

/// <summary>A fact that needs root and the docker CLI (a client only: the daemon is cais).</summary>
public sealed class DockerCliFactAttribute : FactAttribute
{
    public DockerCliFactAttribute()
    {
        if (HostRequirements.RootSkipReason() is { } root) Skip = root;
        else if (HostRequirements.FindOnPath("docker") is null) Skip = "the docker CLI is not installed: the comparison with docker's output is not made";
    }
}
