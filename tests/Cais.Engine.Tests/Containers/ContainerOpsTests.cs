using Cais.Engine.Errors;
using Cais.Engine.Top;
using Cais.TestSupport;
using static Cais.Engine.Tests.Containers.OpsTestSupport;

namespace Cais.Engine.Tests.Containers;

/// <summary>top, rename, pause/unpause and resize on real containers, bad input included.</summary>
[Collection("containers")]
public sealed class ContainerOpsTests : IDisposable
{
    readonly EngineHarness h = new();

    public void Dispose() => h.Dispose();

    [RootFact]
    public async Task Top_Running_ListsTheContainersProcessesOnly()
    {
        var id = await Started(h, "sh", "-c", "sleep 300 & exec sleep 301");

        var table = await WaitForRows(id, 2);

        Assert.Equal(["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], table.Titles);
        var commands = table.Processes.Select(p => p[^1]).Order().ToList();
        Assert.Equal(["sleep 300", "sleep 301"], commands); // not the monitor: it left the cgroup
        Assert.Contains(table.Processes, p => p[1] == h.Engine.Get(id).Record.State.Pid.ToString());

        var aux = await h.Engine.TopContainer(id, "aux");
        Assert.Contains("%CPU", aux.Titles);
        Assert.Equal(2, aux.Processes.Count);
    }

    async Task<ProcessTable> WaitForRows(string id, int count)
    {
        // The shell forks its background sleep just after it starts.
        for (int i = 0; ; i++)
        {
            var table = await h.Engine.TopContainer(id, null);
            if (table.Processes.Count == count || i > 600) return table;
            await Task.Delay(50);
        }
    }

    [RootFact]
    public async Task Top_BadInput_DockersErrors()
    {
        var created = h.Create("sleep", "300");
        var e = await Assert.ThrowsAsync<ConflictException>(() => h.Engine.TopContainer(created, null));
        Assert.Equal($"Container {created} is not running", e.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => h.Engine.TopContainer("nope", null));

        var id = await Started(h, "sleep", "300");
        var noHeader = await Assert.ThrowsAsync<PsFailedException>(() => h.Engine.TopContainer(id, "-ef --no-headers"));
        Assert.Equal("option --no-headers is not allowed", noHeader.Message);
        var renamed = await Assert.ThrowsAsync<PsFailedException>(() => h.Engine.TopContainer(id, "-o pid,user=PID"));
        Assert.Equal("specifying \"pid,user=PID\" is not allowed", renamed.Message); // Docker's pattern takes the whole word before "="
        var badOption = await Assert.ThrowsAsync<PsFailedException>(() => h.Engine.TopContainer(id, "--no-such-option"));
        Assert.StartsWith("ps: ", badOption.Message);
    }

    [RootFact]
    public void Rename_NewName_FoundByIt_KeptAcrossRestart_OldNameFree()
    {
        var id = h.Create(r => r.Cmd = ["true"], name: "before");
        h.Engine.RenameContainer("before", "after");

        Assert.Equal("/after", h.Engine.Get("after").Record.Name);
        Assert.Throws<NotFoundException>(() => h.Engine.Get("before"));
        h.Restart();
        Assert.Equal(id, h.Engine.Get("after").Id);
        h.Create(r => r.Cmd = ["true"], name: "before"); // the old name is free again
    }

    [RootFact]
    public void Rename_BadInput_RefusedAndNothingChanges()
    {
        var id = h.Create(r => r.Cmd = ["true"], name: "one");
        var other = h.Create(r => r.Cmd = ["true"], name: "two");

        var taken = Assert.Throws<ConflictException>(() => h.Engine.RenameContainer("one", "two"));
        Assert.Equal($"Error when allocating new name: Conflict. The container name \"/two\" is already in use by container \"{other}\". You have to remove (or rename) that container to be able to reuse that name.", taken.Message);
        Assert.Equal("Invalid container name (/a b), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
            Assert.Throws<InvalidParameterException>(() => h.Engine.RenameContainer("one", "a b")).Message);
        Assert.Equal("Renaming a container with the same name as its current name",
            Assert.Throws<InvalidParameterException>(() => h.Engine.RenameContainer("one", "/one")).Message);
        Assert.Equal("Neither old nor new names may be empty",
            Assert.Throws<InvalidParameterException>(() => h.Engine.RenameContainer("one", "")).Message);
        Assert.Throws<NotFoundException>(() => h.Engine.RenameContainer("three", "four"));

        h.Restart();
        Assert.Equal("/one", h.Engine.Get(id).Record.Name);
        Assert.Equal("/two", h.Engine.Get(other).Record.Name);
    }

    [RootFact]
    public async Task Pause_FreezesTheCgroup_UnpauseThaws()
    {
        var id = await Started(h, "sleep", "300");

        await h.Engine.PauseContainer(id);

        Assert.Equal("paused", h.Engine.Get(id).Record.State.Status);
        Assert.Equal(1, h.Engine.CountContainers().Paused);
        if (V1CgroupFile("freezer", id, "freezer.state") is { } state) Assert.Equal("FROZEN", File.ReadAllText(state).Trim());
        await h.Engine.UnpauseContainer(id);
        Assert.Equal("running", h.Engine.Get(id).Record.State.Status);
        if (V1CgroupFile("freezer", id, "freezer.state") is { } thawed) Assert.Equal("THAWED", File.ReadAllText(thawed).Trim());
    }

    [RootFact]
    public async Task Pause_WrongStates_Conflict()
    {
        var created = h.Create("sleep", "300");
        Assert.Equal($"Container {created} is not running", (await Assert.ThrowsAsync<ConflictException>(() => h.Engine.PauseContainer(created))).Message);
        Assert.Equal($"Container {created} is not paused", (await Assert.ThrowsAsync<ConflictException>(() => h.Engine.UnpauseContainer(created))).Message);

        var id = await Started(h, "sleep", "300");
        await Assert.ThrowsAsync<ConflictException>(() => h.Engine.UnpauseContainer(id));
        await h.Engine.PauseContainer(id);
        Assert.Equal($"Container {id} is already paused", (await Assert.ThrowsAsync<ConflictException>(() => h.Engine.PauseContainer(id))).Message);
        var rm = await Assert.ThrowsAsync<ConflictException>(() => h.Engine.RemoveContainer(id, force: false, removeVolumes: false));
        Assert.Contains("container is paused and must be unpaused first", rm.Message);
    }

    [RootFact]
    public async Task Pause_SurvivesADaemonRestart_ThenUnpauses()
    {
        var id = await Started(h, "sleep", "300");
        await h.Engine.PauseContainer(id);

        h.Restart();

        Assert.Equal("paused", h.Engine.Get(id).Record.State.Status);
        await h.Engine.UnpauseContainer(id);
        Assert.Equal("running", h.Engine.Get(id).Record.State.Status);
        await h.Engine.StopContainer(id, timeoutSeconds: 0).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [RootFact]
    public async Task Stop_PausedContainer_GetsItsSignalAfterTheThaw()
    {
        var id = await Started(h, "sh", "-c", "trap 'echo bye; exit 3' TERM; echo up; while true; do sleep 0.1; done");
        await WaitForOutput(h.Engine, id, "up");
        await h.Engine.PauseContainer(id);

        await h.Engine.StopContainer(id, timeoutSeconds: 60).WaitAsync(TimeSpan.FromSeconds(60));

        var state = h.Engine.Get(id).Record.State;
        Assert.Equal("exited", state.Status);
        Assert.Equal(3, state.ExitCode); // SIGTERM handled: the thaw came after the signal
    }

    [RootFact]
    public async Task ForceRemove_PausedContainer_Gone()
    {
        var id = await Started(h, "sleep", "300");
        await h.Engine.PauseContainer(id);
        await h.Engine.RemoveContainer(id, force: true, removeVolumes: false).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Throws<NotFoundException>(() => h.Engine.Get(id));
        Assert.Null(V1CgroupFile("freezer", id, "freezer.state"));
    }

    [RootFact]
    public async Task Resize_TtyContainer_TheProcessSeesTheNewSize()
    {
        var id = h.Create(r =>
        {
            r.Tty = true;
            r.Cmd = ["sh", "-c", "trap 'echo size $(stty size)' WINCH; echo ready; while true; do sleep 0.1; done"];
        });
        await h.Engine.StartContainer(id);
        await WaitForOutput(h.Engine, id, "ready");

        await h.Engine.ResizeContainer(id, 40, 100);

        await WaitForOutput(h.Engine, id, "size 40 100");
    }

    [RootFact]
    public async Task Resize_NotRunning_Conflict_NoTty_Accepted()
    {
        var created = h.Create("sleep", "300");
        Assert.Equal($"Container {created} is not running",
            (await Assert.ThrowsAsync<ConflictException>(() => h.Engine.ResizeContainer(created, 24, 80))).Message);
        var id = await Started(h, "sleep", "300");
        await h.Engine.ResizeContainer(id, 24, 80); // Docker answers 200 for a container without a terminal
    }
}
