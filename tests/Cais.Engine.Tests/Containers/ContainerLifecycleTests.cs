using Cais.Engine.Containers;
using Cais.Engine.Errors;
using Cais.Engine.Logs;
using Cais.Linux;
using Cais.TestSupport;

namespace Cais.Engine.Tests.Containers;

/// <summary>The engine's container lifecycle with real containers: create, start, exit, logs, stop, remove, restart of the daemon.</summary>
[Collection("containers")]
public sealed class ContainerLifecycleTests : IDisposable
{
    readonly EngineHarness h = new();

    public void Dispose() => h.Dispose();

    static async Task<List<string>> Logs(Engine engine, string id)
    {
        var lines = new List<string>();
        await foreach (var e in new JsonFileLogReader(engine.LogPathOf(id)).ReadAsync(new LogReadOptions()))
            lines.Add($"{e.Stream}:{System.Text.Encoding.UTF8.GetString(e.Line.Span)}");
        return lines;
    }

    [RootFact]
    public async Task Run_ExitCodeAndLogs_Recorded()
    {
        var id = h.Create("sh", "-c", "echo hello; echo oops >&2; exit 3");
        var exited = h.Engine.WaitContainer(id, "next-exit");
        await h.Engine.StartContainer(id);
        var exit = await exited.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, exit.ExitCode);
        var c = h.Engine.Get(id);
        Assert.Equal("exited", c.Record.State.Status);
        Assert.Equal(3, c.Record.State.ExitCode);
        // Two pipes, two readers: which stream's line is logged first is not knowable (Docker's alike).
        Assert.Equal(["Stderr:oops\n", "Stdout:hello\n"], (await Logs(h.Engine, id)).Order(StringComparer.Ordinal));
        Assert.False(Mounts.IsMountPoint(h.Engine.Images.Snapshots.MergedDir(id)), "the root is unmounted after the exit");
    }

    [RootFact]
    public async Task PidsLimit_ContainerForksUntilRefused_TheMonitorIsNotCountedAndRecordsTheExit()
    {
        // The monitor creates the container from inside its cgroup; were it to stay there, its own
        // threads would take the container's pids and it could die when the container forks.
        var id = h.Create(r =>
        {
            r.Cmd = ["sh", "-c", "sleep 1; for i in $(seq 1 40); do sleep 5 & done"];
            r.HostConfig!.PidsLimit = 20;
        });
        var exited = h.Engine.WaitContainer(id, "next-exit");
        await h.Engine.StartContainer(id);
        var exit = await exited.WaitAsync(TimeSpan.FromSeconds(60));
        // busybox sh gives up with status 2 at the first refused fork.
        Assert.Equal(2, exit.ExitCode);
        Assert.Null(exit.Error);
        Assert.Contains(await Logs(h.Engine, id), line => line.StartsWith("Stderr:", StringComparison.Ordinal) && line.Contains("can't fork"));
    }

    [RootFact]
    public async Task Init_RunsTheCommandUnderTiniAsPid1()
    {
        var id = h.Create(r =>
        {
            r.Cmd = ["sh", "-c", "cat /proc/1/cmdline | tr '\\0' ' '; echo; echo $$"];
            r.HostConfig!.Init = true;
        });
        var exited = h.Engine.WaitContainer(id, "next-exit");
        await h.Engine.StartContainer(id);
        Assert.Equal(0, (await exited.WaitAsync(TimeSpan.FromSeconds(30))).ExitCode);
        // PID 1 is the init; the command is its child, and Path/Args still name the command.
        var logs = await Logs(h.Engine, id);
        Assert.Equal(2, logs.Count);
        Assert.StartsWith($"Stdout:{InitBinary.ContainerPath} -- sh -c ", logs[0]);
        Assert.NotEqual("Stdout:1\n", logs[1]);
        Assert.Equal("sh", h.Engine.Get(id).Record.Path);
    }

    [RootFact]
    public async Task Stop_SleepingContainer_ExitsBySigtermQuickly_ThenRemoveLeavesNothing()
    {
        var id = h.Create("sleep", "300");
        await h.Engine.StartContainer(id);
        Assert.Equal("running", h.Engine.Get(id).Record.State.Status);
        await Assert.ThrowsAsync<ConflictException>(() => h.Engine.RemoveContainer(id, force: false, removeVolumes: false));

        await h.Engine.StopContainer(id, timeoutSeconds: 2).WaitAsync(TimeSpan.FromSeconds(20));

        var state = h.Engine.Get(id).Record.State;
        Assert.Equal("exited", state.Status);
        Assert.Equal(137, state.ExitCode); // sleep ignores SIGTERM as PID 1: killed after the timeout
        await h.Engine.RemoveContainer(id, force: false, removeVolumes: false);
        Assert.Throws<NotFoundException>(() => h.Engine.Get(id));
        Assert.False(Directory.Exists(h.Engine.ContainerDir(id)));
        Assert.DoesNotContain(id, h.Engine.Images.Snapshots.Containers());
    }

    [RootFact]
    public async Task DaemonRestart_RunningContainer_IsFollowedAgainAndStops()
    {
        var id = h.Create("sh", "-c", "trap 'exit 0' TERM; echo up; while true; do sleep 0.1; done");
        await h.Engine.StartContainer(id);
        h.Restart();

        var c = h.Engine.Get(id);
        Assert.Equal("running", c.Record.State.Status);
        Assert.True(ProcFs.IsAlive(c.Record.State.Pid, 0) || c.Record.State.Pid > 0);
        await Task.Delay(300); // the new engine reconnects in the background
        await h.Engine.StopContainer(id, timeoutSeconds: 10).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("exited", h.Engine.Get(id).Record.State.Status);
        Assert.Equal(0, h.Engine.Get(id).Record.State.ExitCode);
        Assert.Contains("Stdout:up\n", await Logs(h.Engine, id));
    }

    [RootFact]
    public async Task MissingExecutable_StartFailsNamingIt_ExitCode127()
    {
        var id = h.Create("/no/such/binary");
        var e = await Assert.ThrowsAsync<StartFailedException>(() => h.Engine.StartContainer(id));
        Assert.Contains("no such file or directory", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(127, h.Engine.Get(id).Record.State.ExitCode);
        Assert.False(Mounts.IsMountPoint(h.Engine.Images.Snapshots.MergedDir(id)));
    }

    [RootFact]
    public void Create_DuplicateName_Conflict_BadName_Invalid()
    {
        h.Create(r => r.Cmd = ["true"], name: "twin");
        var e = Assert.Throws<ConflictException>(() => h.Create(r => r.Cmd = ["true"], name: "twin"));
        Assert.Contains("The container name \"/twin\" is already in use", e.Message);
        Assert.Throws<InvalidParameterException>(() => h.Create(r => r.Cmd = ["true"], name: "a b"));
        Assert.Single(h.Engine.Containers());
    }

    [RootFact]
    public async Task StartFailure_WithAutoRemove_RemovesTheContainerAndItsFiles()
    {
        var id = h.Create(r => { r.Cmd = ["/no/such/binary"]; r.HostConfig!.AutoRemove = true; });
        var removed = h.Engine.WaitContainer(id, "removed");

        await Assert.ThrowsAsync<StartFailedException>(() => h.Engine.StartContainer(id));

        var exit = await removed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(127, exit.ExitCode);
        Assert.Throws<NotFoundException>(() => h.Engine.Get(id));
        Assert.False(Directory.Exists(h.Engine.ContainerDir(id)));
        Assert.False(Directory.Exists(h.Engine.ExecDir(id)));
        Assert.DoesNotContain(id, h.Engine.Images.Snapshots.Containers());
    }

    [RootFact]
    public void Create_UnknownImage_NoSuchImage_LeavesNothing()
    {
        var e = Assert.Throws<Cais.Images.Service.ImageNotFoundException>(() => h.Create(r => { r.Image = "nope:1"; r.Cmd = ["true"]; }));
        Assert.Equal("No such image: nope:1", e.Message);
        Assert.Empty(h.Engine.Containers());
        Assert.Empty(h.Engine.Images.Snapshots.Containers());
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(h.Engine.ContainerDir("x"))!));
    }

    [RootFact]
    public async Task Counts_FollowTheContainersStates()
    {
        var running = h.Create("sleep", "300");
        h.Create("true");
        await h.Engine.StartContainer(running);

        Assert.Equal(new Engine.ContainerCounts(Running: 1, Paused: 0, Stopped: 1), h.Engine.CountContainers());
    }
}
