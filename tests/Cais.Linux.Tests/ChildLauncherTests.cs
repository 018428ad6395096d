using Cais.Linux.ForkChild;

namespace Cais.Linux.Tests;

/// <summary>Real forks: the child runs its program and the parent reads what happened. No root needed.</summary>
[Collection("fork")]
public class ChildLauncherTests
{
    [Fact]
    public void Start_ExecSucceeds_ChannelSeesEofAndStatusPassesThrough()
    {
        using var p = new ChildProgram();
        p.Exec(["/bin/sh"], ["sh", "-c", "exit 7"], []);
        using var child = ChildLauncher.Start(p);
        Assert.Null(child.Channel.Receive());
        Assert.Equal(7, Processes.WaitExitCode(child.Pid));
    }

    [Fact]
    public void Start_FailingStep_ReportsDescriptionSyscallAndErrno()
    {
        using var p = new ChildProgram();
        p.Chdir("/no/such/dir");
        p.Exec(["/bin/true"], ["true"], []);
        using var child = ChildLauncher.Start(p);
        var e = Assert.Throws<ChildSetupException>(() => child.Channel.Receive());
        Assert.Equal(Errno.ENOENT, e.Errno);
        Assert.Equal("chdir", e.Step);
        Assert.Contains("/no/such/dir", e.Message);
        Assert.Equal(121, Processes.WaitExitCode(child.Pid));
    }

    [Fact]
    public void Start_MissingExecutable_IsReportedBeforeExec()
    {
        using var p = new ChildProgram();
        p.ResolveExecutable(["/nope/a", "/nope/b"], "a");
        p.Exec(["/nope/a", "/nope/b"], ["a"], []);
        using var child = ChildLauncher.Start(p);
        var e = Assert.Throws<ChildSetupException>(() => child.Channel.Receive());
        Assert.Contains("executable file not found in $PATH", e.Message);
        Processes.WaitExitCode(child.Pid);
    }

    [Fact]
    public void Start_HandshakeMessages_FlowBothWays()
    {
        using var p = new ChildProgram();
        p.Send(SyncMessage.ReadyForSetup, 42);
        p.Wait(SyncMessage.Go);
        p.Exit(3);
        using var child = ChildLauncher.Start(p);
        Assert.Equal(42, child.Channel.Expect(SyncMessage.ReadyForSetup).Value);
        child.Channel.Send(SyncMessage.Go);
        Assert.Equal(3, Processes.WaitExitCode(child.Pid));
    }

    [Fact]
    public void Start_ParentClosesChannel_ChildExitsQuietly()
    {
        using var p = new ChildProgram();
        p.Wait(SyncMessage.Go);
        p.Exit(0);
        var child = ChildLauncher.Start(p);
        child.Dispose(); // the parent's end closes: EOF in the child
        Assert.Equal(122, Processes.WaitExitCode(child.Pid));
    }

    [Fact]
    public void Start_SignalDispositions_AreResetForTheExecutedProgram()
    {
        // .NET ignores SIGPIPE; a container's process must not inherit that.
        using var p = new ChildProgram();
        p.Exec(["/bin/sh"], ["sh", "-c", "grep -E '^SigIgn' /proc/self/status | grep -q '0000000000000000'"], []);
        using var child = ChildLauncher.Start(p);
        child.Channel.Receive();
        Assert.Equal(0, Processes.WaitExitCode(child.Pid));
    }
}

[CollectionDefinition("fork", DisableParallelization = true)]
public class ForkCollection;
