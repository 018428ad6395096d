using System.Text.RegularExpressions;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Cli.Lifecycle;

/// <summary>`cais create`, `cais start` (with and without -a/-i) and `cais attach`.</summary>
public sealed class CreateStartAttachTests(CaisDaemonFixture daemon) : IClassFixture<CaisDaemonFixture>
{
    [RootFact]
    public void Create_PrintsTheIdAndLeavesTheContainerCreated()
    {
        var name = Containers.UniqueName("create");
        try
        {
            var r = daemon.Succeed("create", "--name", name, "busybox", "sleep", "300");
            Assert.Matches(new Regex("^[0-9a-f]{64}\n$"), r.Stdout);
            Assert.Equal("created", Containers.Status(daemon, name));
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void Create_DaemonRefusal_Exits1WithoutTheRunHint()
    {
        var name = Containers.UniqueName("create-twice");
        try
        {
            daemon.Succeed("create", "--name", name, "busybox");
            var r = daemon.Cais("create", "--name", name, "busybox");
            Assert.Equal(1, r.ExitCode);
            Assert.StartsWith("Error response from daemon: Conflict.", r.Stderr);
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void Start_Several_PrintsEachNameAndStartsThem()
    {
        string a = Containers.UniqueName("start-a"), b = Containers.UniqueName("start-b");
        try
        {
            daemon.Succeed("create", "--name", a, "busybox", "sleep", "300");
            daemon.Succeed("create", "--name", b, "busybox", "sleep", "300");
            Assert.Equal($"{a}\n{b}\n", daemon.Succeed("start", a, b).Stdout);
            Assert.Equal(("running", "running"), (Containers.Status(daemon, a), Containers.Status(daemon, b)));
        }
        finally
        {
            Containers.Remove(daemon, a, b);
        }
    }

    [RootFact]
    public void Start_Missing_ReportsEachFailureAndExits1()
    {
        var name = Containers.UniqueName("start-some");
        try
        {
            daemon.Succeed("create", "--name", name, "busybox", "sleep", "300");
            var r = daemon.Cais("start", "start-missing-x", name);
            Assert.Equal(1, r.ExitCode);
            Assert.Equal($"{name}\n", r.Stdout);
            Assert.Equal("Error response from daemon: No such container: start-missing-x\nError: failed to start containers: start-missing-x\n", r.Stderr);
            Assert.Equal("running", Containers.Status(daemon, name));
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void StartAttach_StreamsTheOutputAndExitsWithTheContainersCode()
    {
        var name = Containers.UniqueName("start-a");
        try
        {
            daemon.Succeed("create", "--name", name, "busybox", "sh", "-c", "echo out; echo err >&2; exit 4");
            var r = daemon.Cais("start", "-a", name);
            Assert.Equal((4, "out\n", "err\n"), (r.ExitCode, r.Stdout, r.Stderr));
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void StartInteractive_PassesStdin()
    {
        var name = Containers.UniqueName("start-ai");
        try
        {
            daemon.Succeed("create", "-i", "--name", name, "busybox", "sh", "-c", "read line; echo got $line");
            var r = daemon.Cais(["start", "-ai", name], stdin: "hello\n");
            Assert.Equal((0, "got hello\n"), (r.ExitCode, r.Stdout));
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void StartAttach_SeveralContainers_IsRefused()
    {
        var r = daemon.Cais("start", "-a", "one", "two");
        Assert.Equal((1, "you cannot start and attach multiple containers at once\n"), (r.ExitCode, r.Stderr));
    }

    [RootFact]
    public void Attach_ToARunningContainer_JoinsItsStreamsAndTakesItsExitCode()
    {
        var name = Containers.UniqueName("attach");
        try
        {
            // The container waits for a line on stdin, so nothing it prints can be missed.
            daemon.Succeed("run", "-d", "-i", "--name", name, "busybox", "sh", "-c", "read line; echo got $line; exit 6");
            var r = daemon.Cais(["attach", name], stdin: "hello\n");
            Assert.Equal((6, "got hello\n"), (r.ExitCode, r.Stdout));
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void Attach_ToAStoppedContainer_IsRefused()
    {
        var name = Containers.UniqueName("attach-stopped");
        try
        {
            daemon.Succeed("create", "--name", name, "busybox", "true");
            var r = daemon.Cais("attach", name);
            Assert.Equal((1, "You cannot attach to a stopped container, start it first\n"), (r.ExitCode, r.Stderr));
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void Attach_Missing_SaysSo()
    {
        var r = daemon.Cais("attach", "attach-missing-x");
        Assert.Equal((1, "Error response from daemon: No such container: attach-missing-x\n"), (r.ExitCode, r.Stderr));
    }
}
