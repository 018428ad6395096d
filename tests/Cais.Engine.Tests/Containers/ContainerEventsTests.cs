using Cais.Api.Models.Events;
using Cais.Engine.Events;
using Cais.TestSupport;

namespace Cais.Engine.Tests.Containers;

/// <summary>The events the container lifecycle publishes, with real containers.</summary>
[Collection("containers")]
public sealed class ContainerEventsTests : IDisposable
{
    readonly EngineHarness h = new();
    readonly EventSubscription events;

    public ContainerEventsTests() => events = h.Engine.SubscribeToEvents(null, null, EventFilter.None);

    public void Dispose()
    {
        events.Dispose();
        h.Dispose();
    }

    List<EventMessage> Received()
    {
        var list = new List<EventMessage>();
        while (events.Live.TryRead(out var e)) list.Add(e);
        return list;
    }

    [RootFact]
    public async Task Run_CreateStartDieDestroy_WithDockersAttributes()
    {
        var id = h.Create(r => { r.Cmd = ["sh", "-c", "exit 3"]; r.Labels = new() { ["tier"] = "web" }; }, name: "ev-run");
        var exited = h.Engine.WaitContainer(id, "next-exit");
        await h.Engine.StartContainer(id);
        await exited.WaitAsync(TimeSpan.FromSeconds(30));
        await h.Engine.RemoveContainer(id, force: false, removeVolumes: false);

        var received = Received();
        Assert.Equal(["create", "start", "die", "destroy"], received.Select(e => e.Action));
        foreach (var e in received)
        {
            Assert.Equal("container", e.Type);
            Assert.Equal(id, e.Actor.Id);
            Assert.Equal("ev-run", e.Actor.Attributes!["name"]);
            Assert.Equal("busybox", e.Actor.Attributes["image"]);
            Assert.Equal("web", e.Actor.Attributes["tier"]);
            Assert.Equal("local", e.Scope);
            Assert.Equal(e.Action, e.Status);
            Assert.Equal(id, e.Id);
            Assert.Equal("busybox", e.From);
            Assert.Equal(e.TimeNano / 1_000_000_000, e.Time);
        }
        var die = received[2].Actor.Attributes!;
        Assert.Equal("3", die["exitCode"]);
        Assert.True(die.ContainsKey("execDuration"));
        Assert.False(die.ContainsKey("oomKilled"));
        Assert.Equal(received.Select(e => e.TimeNano).Order(), received.Select(e => e.TimeNano));
    }

    [RootFact]
    public async Task Stop_KillWithTheStopSignal_ThenSigkillAfterTheTimeout_ThenDie_ThenStop()
    {
        var id = h.Create("sleep", "300"); // as PID 1 it ignores SIGTERM: the timeout passes
        await h.Engine.StartContainer(id);
        Received();
        await h.Engine.StopContainer(id, timeoutSeconds: 1).WaitAsync(TimeSpan.FromSeconds(30));

        var received = Received();
        Assert.Equal(["kill", "kill", "die", "stop"], received.Select(e => e.Action));
        Assert.Equal("15", received[0].Actor.Attributes!["signal"]);
        Assert.Equal("9", received[1].Actor.Attributes!["signal"]);
        Assert.Equal("137", received[2].Actor.Attributes!["exitCode"]);
    }

    [RootFact]
    public async Task Kill_SignalNumber_AndRestart_StopsAndStartsAgain()
    {
        var id = h.Create("sleep", "300");
        await h.Engine.StartContainer(id);
        await h.Engine.KillContainer(id, "SIGKILL").WaitAsync(TimeSpan.FromSeconds(30));
        var killed = Received();
        Assert.Equal(["start", "kill", "die"], killed.Select(e => e.Action).Skip(1)); // after create
        Assert.Equal("9", killed[2].Actor.Attributes!["signal"]);
        Assert.Equal("137", killed[3].Actor.Attributes!["exitCode"]);

        await h.Engine.RestartContainer(id, timeoutSeconds: 0).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["start", "restart"], Received().Select(e => e.Action));
        await h.Engine.RemoveContainer(id, force: true, removeVolumes: false).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["kill", "die", "destroy"], Received().Select(e => e.Action));
    }

    [RootFact]
    public async Task PauseRenameUpdateTopExec_EachAnEvent()
    {
        var id = h.Create(r => r.Cmd = ["sleep", "300"], name: "ev-ops");
        await h.Engine.StartContainer(id);
        Received();

        await h.Engine.PauseContainer(id);
        await h.Engine.UnpauseContainer(id);
        h.Engine.RenameContainer(id, "ev-renamed");
        await h.Engine.UpdateContainer(id, new Cais.Api.Models.Containers.ContainerUpdateRequest { CpuShares = 512 });
        await h.Engine.TopContainer(id, null);
        var exec = h.Engine.CreateExec(id, new Cais.Engine.Exec.ExecConfig { Cmd = ["sh", "-c", "exit 4"] });
        await h.Engine.StartExec(exec.Id, null);
        await exec.Exited.WaitAsync(TimeSpan.FromSeconds(30));

        var received = Received();
        Assert.Equal(["pause", "unpause", "rename", "update", "top", "exec_create: sh -c exit 4", "exec_start: sh -c exit 4", "exec_die"],
            received.Select(e => e.Action));
        Assert.Equal("/ev-ops", received[2].Actor.Attributes!["oldName"]);
        Assert.Equal("ev-renamed", received[2].Actor.Attributes!["name"]);
        Assert.All(received.Skip(5), e => Assert.Equal(exec.Id, e.Actor.Attributes!["execID"]));
        Assert.Equal("4", received[^1].Actor.Attributes!["exitCode"]);
    }

    [RootFact]
    public async Task Healthcheck_StatusChange_HealthStatusEvent()
    {
        var id = h.Create(r =>
        {
            r.Cmd = ["sleep", "300"];
            r.Healthcheck = new Cais.Api.Models.Containers.HealthConfig { Test = ["CMD", "true"], Interval = 100_000_000 };
        });
        await h.Engine.StartContainer(id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        EventMessage e;
        do e = await events.Live.ReadAsync(timeout.Token);
        while (!e.Action.StartsWith("health_status", StringComparison.Ordinal));
        Assert.Equal("health_status: healthy", e.Action);
        Assert.Equal(id, e.Actor.Id);
    }

    [RootFact]
    public async Task SinceAFewSecondsAgo_ThePastEventsComeFirst_FilteredByContainerName()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-5);
        var other = h.Create(r => r.Cmd = ["true"], name: "ev-other");
        var id = h.Create(r => r.Cmd = ["true"], name: "ev-mine");
        var exited = h.Engine.WaitContainer(id, "next-exit");
        await h.Engine.StartContainer(id);
        await exited.WaitAsync(TimeSpan.FromSeconds(30));

        var filter = new EventFilter(new Dictionary<string, IReadOnlyList<string>> { ["container"] = ["ev-mine"] });
        using var late = h.Engine.SubscribeToEvents(since, DateTimeOffset.UtcNow, filter);
        Assert.Equal(["create", "start", "die"], late.Past.Select(e => e.Action));
        Assert.All(late.Past, e => Assert.Equal(id, e.Actor.Id));
        Assert.NotEqual(id, other);
    }
}
