using Cais.Api.Models.Containers;
using Cais.Engine.Exec;
using Cais.TestSupport;

namespace Cais.Engine.Tests.Containers;

/// <summary>HEALTHCHECK probes run as execs in real busybox containers.</summary>
public sealed class HealthcheckTests : IDisposable
{
    readonly EngineHarness h = new();

    static long Ms(int ms) => ms * 1_000_000L;

    async Task<string> Start(HealthConfig hc)
    {
        var id = h.Create(r =>
        {
            r.Cmd = ["sleep", "300"];
            r.Healthcheck = hc;
        });
        await h.Engine.StartContainer(id);
        return id;
    }

    /// <summary>Waits (up to 30 s) until the container's health status is <paramref name="status"/>.</summary>
    async Task<Health> WaitFor(string id, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (h.Engine.Get(id).Record.State.Health is { } health && health.Status == status) return health;
            await Task.Delay(50);
        }
        Assert.Fail($"health never became {status}: {h.Engine.Get(id).Record.State.Health?.Status}");
        return null!;
    }

    async Task Exec(string id, params string[] cmd)
    {
        var exec = h.Engine.CreateExec(id, new ExecConfig { Cmd = cmd });
        await h.Engine.StartExec(exec.Id, null);
        Assert.Equal(0, await exec.Exited.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [RootFact]
    public async Task Probe_StartingThenHealthyThenUnhealthyAfterRetries()
    {
        var id = await Start(new HealthConfig { Test = ["CMD-SHELL", "test -e /tmp/ok && echo fine"], Interval = Ms(100), Retries = 2 });
        Assert.Equal("starting", h.Engine.Get(id).Record.State.Health!.Status);
        await Exec(id, "touch", "/tmp/ok");
        var healthy = await WaitFor(id, "healthy");
        Assert.Equal(0, healthy.FailingStreak);
        Assert.Contains(healthy.Log!, r => r.ExitCode == 0 && r.Output == "fine\n");
        await Exec(id, "rm", "/tmp/ok");
        var unhealthy = await WaitFor(id, "unhealthy");
        Assert.True(unhealthy.FailingStreak >= 2);
        Assert.InRange(unhealthy.Log!.Count, 1, 5);
        Assert.Equal(1, unhealthy.Log![^1].ExitCode);
    }

    [RootFact]
    public async Task Probe_OverItsTimeout_IsKilledAndCountsAsAFailure()
    {
        var id = await Start(new HealthConfig { Test = ["CMD", "sleep", "60"], Interval = Ms(100), Timeout = Ms(300), Retries = 1 });
        var health = await WaitFor(id, "unhealthy");
        var last = health.Log![^1];
        Assert.Equal(-1, last.ExitCode);
        Assert.Equal("Health check exceeded timeout (300ms)", last.Output);
        // The killed probe is gone from the container.
        Assert.Empty(h.Engine.RunningExecsOf(id));
    }

    [RootFact]
    public async Task NoneOrNoHealthcheck_NoHealthState()
    {
        var id = await Start(new HealthConfig { Test = ["NONE"] });
        await Task.Delay(200);
        Assert.Null(h.Engine.Get(id).Record.State.Health);
    }

    [RootFact]
    public async Task Stop_EndsTheProbes_AndReportsUnhealthy()
    {
        var id = await Start(new HealthConfig { Test = ["CMD", "true"], Interval = Ms(100) });
        await WaitFor(id, "healthy");
        await h.Engine.StopContainer(id, 1, null, CancellationToken.None);
        Assert.Equal("unhealthy", h.Engine.Get(id).Record.State.Health!.Status);
    }

    [Fact]
    public void GoDuration_PrintsAsGo()
    {
        Assert.Equal("30s", Engine.GoDuration(TimeSpan.FromSeconds(30)));
        Assert.Equal("1.5s", Engine.GoDuration(TimeSpan.FromMilliseconds(1500)));
        Assert.Equal("300ms", Engine.GoDuration(TimeSpan.FromMilliseconds(300)));
        Assert.Equal("1m30s", Engine.GoDuration(TimeSpan.FromSeconds(90)));
    }

    public void Dispose() => h.Dispose();
}
