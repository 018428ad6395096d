using Cais.Api.Hosting;
using Cais.Daemon;
using Cais.Images.Service;
using Cais.TestSupport;

namespace Cais.Api.Tests.Daemon;

/// <summary>
/// The real docker CLI's container operations against a daemon in this process whose containers'
/// monitors are the published cais: top, rename, pause/unpause, update, stats, diff, prune, system df.
/// </summary>
[Collection("docker-cli-containers")]
public sealed class DockerCliOpsTests : IAsyncLifetime
{
    readonly TempDir dir = new("cais-docker-ops-");
    DaemonHost? daemon;

    string Socket => dir.Combine("run", "cais.sock");

    public async Task InitializeAsync()
    {
        if (!HostRequirements.IsRoot || !File.Exists(DockerCliTests.Docker)) return;
        daemon = await DaemonHost.StartAsync(new DaemonOptions
        {
            Hosts = [ListenAddress.Unix(Socket)],
            DataRoot = dir.Combine("root"),
            ExecRoot = dir.Combine("run"),
            MonitorExecutable = CaisBinary.Path,
        }, TextWriter.Null);
        ImageBootstrap.Busybox(daemon.Engine.Images);
    }

    public async Task DisposeAsync()
    {
        if (daemon is not null)
        {
            // Their monitors outlive the daemon by design: remove them first.
            foreach (var c in daemon.Engine.Containers())
            {
                try { await daemon.Engine.RemoveContainer(c.Id, force: true, removeVolumes: true).WaitAsync(TimeSpan.FromSeconds(30)); }
                catch (Exception e) { Console.Error.WriteLine($"removing {c.Id}: {e.Message}"); }
            }
            await daemon.StopAsync();
        }
        dir.Dispose();
    }

    ProcessResult Run(params string[] args) =>
        ProcessRunner.Run(DockerCliTests.Docker, ["-H", "unix://" + Socket, .. args], stdin: null, TimeSpan.FromSeconds(60),
            new Dictionary<string, string?> { ["DOCKER_HOST"] = null, ["DOCKER_CONTEXT"] = null, ["DOCKER_CONFIG"] = dir.Combine("docker-config") });

    string Succeed(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == 0, $"`docker {string.Join(' ', args)}` exited {result.ExitCode}\n{result.Describe()}");
        return result.Stdout;
    }

    string Fail(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode != 0, $"`docker {string.Join(' ', args)}` succeeded\n{result.Describe()}");
        return result.Stderr;
    }

    [DockerCliFact]
    public void Top_ListsTheContainersProcesses()
    {
        Succeed("run", "-d", "--name", "top1", "busybox", "sleep", "301");

        var top = Succeed("top", "top1");

        var lines = top.Trim().Split('\n');
        Assert.StartsWith("UID", lines[0]);
        Assert.Contains("PID", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.EndsWith("sleep 301", row.TrimEnd());
        Assert.Contains("%CPU", Succeed("top", "top1", "aux"));
        Succeed("kill", "top1");
        Assert.Contains("is not running", Fail("top", "top1"));
    }

    [DockerCliFact]
    public void Rename_FreeName_TakenName_InvalidName()
    {
        Succeed("create", "--name", "first", "busybox", "true");
        Succeed("create", "--name", "taken", "busybox", "true");

        Succeed("rename", "first", "second");

        Assert.Contains("second", Succeed("ps", "-a", "--format", "{{.Names}}"));
        Assert.Contains("The container name \"/taken\" is already in use", Fail("rename", "second", "taken"));
        Assert.Contains("Invalid container name", Fail("rename", "second", "a b"));
        Assert.Equal("/second", Succeed("inspect", "-f", "{{.Name}}", "second").Trim());
    }

    [DockerCliFact]
    public void PauseUnpause_StatusInPsAndInspect_WrongStatesRefused()
    {
        Succeed("run", "-d", "--name", "p1", "busybox", "sleep", "300");

        Assert.Equal("p1", Succeed("pause", "p1").Trim());

        Assert.Equal("paused true", Succeed("inspect", "-f", "{{.State.Status}} {{.State.Paused}}", "p1").Trim());
        Assert.Contains("(Paused)", Succeed("ps", "--format", "{{.Status}}"));
        Assert.Contains("is already paused", Fail("pause", "p1"));
        Assert.Contains("paused", Fail("attach", "p1"));
        Succeed("unpause", "p1");
        Assert.Equal("running false", Succeed("inspect", "-f", "{{.State.Status}} {{.State.Paused}}", "p1").Trim());
        Assert.Contains("is not paused", Fail("unpause", "p1"));
        Succeed("pause", "p1");
        Succeed("stop", "-t", "1", "p1");
        Assert.Equal("exited", Succeed("inspect", "-f", "{{.State.Status}}", "p1").Trim());
    }

    [DockerCliFact]
    public void Update_Memory_StoredAndRefusedBelowSixMegabytes()
    {
        Succeed("run", "-d", "--name", "u1", "-m", "64m", "busybox", "sleep", "300");

        Assert.Equal("u1", Succeed("update", "--memory", "32m", "u1").Trim());

        Assert.Equal("33554432", Succeed("inspect", "-f", "{{.HostConfig.Memory}}", "u1").Trim());
        Assert.Contains("Minimum memory limit allowed is 6MB", Fail("update", "--memory", "3m", "u1"));
        Assert.Contains("update the memoryswap at the same time", Fail("update", "--memory", "512m", "u1"));
        Succeed("update", "--memory", "512m", "--memory-swap", "1g", "u1");
        Assert.Equal("536870912", Succeed("inspect", "-f", "{{.HostConfig.Memory}}", "u1").Trim());
    }

    [DockerCliFact]
    public void StatsNoStream_MemUsageAgainstTheContainersLimit()
    {
        Succeed("run", "-d", "--name", "s1", "-m", "64m", "busybox", "sleep", "300");

        var usage = Succeed("stats", "--no-stream", "--format", "{{.MemUsage}}", "s1").Trim();

        Assert.EndsWith("/ 64MiB", usage);
        var table = Succeed("stats", "--no-stream", "s1");
        Assert.Contains("s1", table);
    }

    [DockerCliFact]
    public void Diff_WhatTheContainerChanged()
    {
        Succeed("run", "--name", "d1", "busybox", "sh", "-c", "mkdir /made && touch /made/file && rm /bin/ls");

        var diff = Succeed("diff", "d1").Trim().Split('\n');

        Assert.Equal(["C /bin", "D /bin/ls", "A /made", "A /made/file"], diff);
    }

    [DockerCliFact]
    public void ContainerPrune_StoppedOnes_AsFiltered_ThenSystemDf()
    {
        var stopped = Succeed("create", "busybox", "true").Trim();
        var labelled = Succeed("create", "--label", "keep=1", "busybox", "true").Trim();
        var running = Succeed("run", "-d", "busybox", "sleep", "300").Trim();

        var df = Succeed("system", "df");
        Assert.Matches(@"Containers\s+3\s+1\s", df);

        var pruned = Succeed("container", "prune", "-f", "--filter", "label!=keep");

        Assert.Contains("Deleted Containers:", pruned);
        Assert.Contains(stopped, pruned);
        Assert.DoesNotContain(labelled, pruned);
        var left = Succeed("ps", "-a", "-q", "--no-trunc").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { labelled, running }.Order(), left.Order());
        Assert.Contains("invalid filter", Fail("container", "prune", "-f", "--filter", "color=blue"));
    }
}

/// <summary>Docker CLI tests that run real containers go one at a time.</summary>
[CollectionDefinition("docker-cli-containers", DisableParallelization = true)]
public sealed class DockerCliContainersCollection;
