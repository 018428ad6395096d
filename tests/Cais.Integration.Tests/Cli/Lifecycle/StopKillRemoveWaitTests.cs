using Cais.TestSupport;

namespace Cais.Integration.Tests.Cli.Lifecycle;

/// <summary>`cais stop`, `restart`, `kill`, `rm` and `wait`, each on several containers at once.</summary>
public sealed class StopKillRemoveWaitTests(CaisDaemonFixture daemon) : IClassFixture<CaisDaemonFixture>
{
    string RunSleeper(string prefix)
    {
        var name = Containers.UniqueName(prefix);
        daemon.Succeed("run", "-d", "--name", name, "busybox", "sleep", "300");
        return name;
    }

    /// <summary>A container that exits with <paramref name="code"/> on <paramref name="signal"/>, once its trap is set.</summary>
    string RunTrapper(string prefix, string signal, int code)
    {
        var name = Containers.UniqueName(prefix);
        daemon.Succeed("run", "-d", "--name", name, "busybox", "sh", "-c", $"trap 'exit {code}' {signal}; echo ready; while true; do sleep 0.1; done");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (daemon.Cais("logs", name).Stdout != "ready\n" && DateTime.UtcNow < deadline) Thread.Sleep(20);
        return name;
    }

    static int ExitCode(CaisDaemonFixture daemon, string name) =>
        Containers.Inspect(daemon, name)!.Value.GetProperty("State").GetProperty("ExitCode").GetInt32();

    [RootFact]
    public void Stop_Several_PrintsTheirNamesAndStopsThem()
    {
        string a = RunSleeper("stop-a"), b = RunSleeper("stop-b");
        try
        {
            // sleep as PID 1 ignores SIGTERM, so the kill after the timeout ends it.
            Assert.Equal($"{a}\n{b}\n", daemon.Succeed("stop", "-t", "1", a, b).Stdout);
            Assert.Equal(("exited", 137), (Containers.Status(daemon, a), ExitCode(daemon, a)));
            Assert.Equal("exited", Containers.Status(daemon, b));
        }
        finally
        {
            Containers.Remove(daemon, a, b);
        }
    }

    [RootFact]
    public void Stop_WithSignal_UsesIt()
    {
        var name = RunTrapper("stop-s", "USR1", 11);
        try
        {
            daemon.Succeed("stop", "-s", "SIGUSR1", "-t", "30", name);
            Assert.Equal(11, ExitCode(daemon, name));
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void Stop_DeprecatedTimeFlag_WarnsAndWorks()
    {
        var name = RunSleeper("stop-time");
        try
        {
            var r = daemon.Succeed("stop", "--time", "1", name);
            Assert.Contains("Flag --time has been deprecated, use --timeout instead", r.Stderr);
            Assert.Equal("exited", Containers.Status(daemon, name));
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void Restart_RunsTheContainerAgain()
    {
        var name = RunSleeper("restart");
        try
        {
            var firstStart = Containers.Inspect(daemon, name)!.Value.GetProperty("State").GetProperty("StartedAt").GetString();
            Assert.Equal($"{name}\n", daemon.Succeed("restart", "-t", "1", name).Stdout);
            var state = Containers.Inspect(daemon, name)!.Value.GetProperty("State");
            Assert.Equal("running", state.GetProperty("Status").GetString());
            Assert.NotEqual(firstStart, state.GetProperty("StartedAt").GetString());
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void Kill_DefaultsToSigkill()
    {
        var name = RunSleeper("kill");
        try
        {
            Assert.Equal($"{name}\n", daemon.Succeed("kill", name).Stdout);
            Assert.Equal(137, ExitCodeOnceExited(name));
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void Kill_WithSignal_DeliversIt()
    {
        var name = RunTrapper("kill-s", "HUP", 12);
        try
        {
            daemon.Succeed("kill", "-s", "HUP", name);
            Assert.Equal(12, ExitCodeOnceExited(name));
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void Kill_Missing_ReportsItAndExits1()
    {
        var r = daemon.Cais("kill", "kill-missing-x");
        Assert.Equal((1, "Error response from daemon: No such container: kill-missing-x\n"), (r.ExitCode, r.Stderr));
    }

    [RootFact]
    public void Rm_Several_RemovesThoseItCanAndReportsTheRest()
    {
        string a = Containers.UniqueName("rm-a"), b = Containers.UniqueName("rm-b");
        try
        {
            daemon.Succeed("create", "--name", a, "busybox");
            daemon.Succeed("create", "--name", b, "busybox");
            var r = daemon.Cais("rm", a, "rm-missing-x", b);
            Assert.Equal(1, r.ExitCode);
            Assert.Equal($"{a}\n{b}\n", r.Stdout);
            Assert.Equal("Error response from daemon: No such container: rm-missing-x\n", r.Stderr);
            Assert.Null(Containers.Inspect(daemon, a));
            Assert.Null(Containers.Inspect(daemon, b));
        }
        finally
        {
            Containers.Remove(daemon, a, b);
        }
    }

    [RootFact]
    public void Rm_Running_IsRefusedWithoutForce_RemovedWithIt()
    {
        var name = RunSleeper("rm-f");
        try
        {
            var refused = daemon.Cais("rm", name);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("container is running", refused.Stderr);
            Assert.Equal("running", Containers.Status(daemon, name));
            Assert.Equal($"{name}\n", daemon.Succeed("rm", "-f", name).Stdout);
            Assert.Null(Containers.Inspect(daemon, name));
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void RmForce_Missing_IsReportedButNotAFailure()
    {
        var r = daemon.Cais("rm", "-f", "rm-missing-y");
        Assert.Equal((0, "Error response from daemon: No such container: rm-missing-y\n"), (r.ExitCode, r.Stderr));
    }

    [RootFact]
    public void Wait_Several_PrintsEachExitCodeInOrder()
    {
        string a = Containers.UniqueName("wait-a"), b = Containers.UniqueName("wait-b");
        try
        {
            daemon.Succeed("run", "-d", "--name", a, "busybox", "sh", "-c", "sleep 0.5; exit 7");
            daemon.Succeed("run", "-d", "--name", b, "busybox", "sh", "-c", "exit 3");
            Assert.Equal("7\n3\n", daemon.Succeed("wait", a, b).Stdout);
        }
        finally
        {
            Containers.Remove(daemon, a, b);
        }
    }

    [RootFact]
    public void Wait_Missing_ReportsItAndStillWaitsForTheOthers()
    {
        var name = Containers.UniqueName("wait-some");
        try
        {
            daemon.Succeed("run", "-d", "--name", name, "busybox", "sh", "-c", "exit 2");
            var r = daemon.Cais("wait", "wait-missing-x", name);
            Assert.Equal((1, "2\n", "Error response from daemon: No such container: wait-missing-x\n"), (r.ExitCode, r.Stdout, r.Stderr));
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    int ExitCodeOnceExited(string name)
    {
        Assert.Equal(0, daemon.Cais("wait", name).ExitCode);
        return ExitCode(daemon, name);
    }
}
