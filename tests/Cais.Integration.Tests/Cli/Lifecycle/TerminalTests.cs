using Cais.TestSupport;

namespace Cais.Integration.Tests.Cli.Lifecycle;

/// <summary>`cais run -t` and `-it` in a real pseudo-terminal (util-linux `script`): a TTY, raw input, detach keys.</summary>
public sealed class TerminalTests(CaisDaemonFixture daemon) : IClassFixture<CaisDaemonFixture>
{
    [RootFact]
    public void RunTty_GivesTheContainerATerminal()
    {
        var r = Containers.InTerminal(daemon, "run --rm -t busybox tty");
        Assert.Contains("/dev/pts/", r.Stdout);
        Assert.Contains("exit=0", r.Stdout);
    }

    [RootFact]
    public void RunWithoutTty_HasNone()
    {
        var r = daemon.Cais("run", "--rm", "busybox", "tty");
        Assert.Equal((1, "not a tty\n"), (r.ExitCode, r.Stdout));
    }

    [RootFact]
    public void RunTty_TakesTheWindowSizeOfTheClient()
    {
        using var session = new TerminalSession(daemon, "run --rm -t busybox stty size", rows: 33, columns: 101);
        Assert.Equal(0, session.WaitForExitStatus());
        Assert.Contains("33 101", session.Screen);
    }

    [RootFact]
    public void RunInteractiveTty_KeysReachTheShell_AndItsExitCodeIsOurs()
    {
        using var session = new TerminalSession(daemon, "run --rm -it busybox sh");
        session.WaitFor("/ # ");
        session.Type("echo typed-$((6*7))\r");
        session.WaitFor("typed-42");
        session.Type("exit 4\r");
        Assert.Equal(4, session.WaitForExitStatus());
    }

    [RootFact]
    public void RunInteractiveTty_CtrlC_GoesToTheContainerNotTheClient()
    {
        using var session = new TerminalSession(daemon, "run --rm -it busybox sh");
        session.WaitFor("/ # ");
        // The marker is split in the typed text, so only the running command's output shows it whole.
        session.Type("sh -c 'echo run''ning; sleep 300'\r");
        session.WaitFor("running");
        session.Type("\u0003");
        var seen = session.Screen.Length;
        session.WaitFor("/ # ", after: seen);
        session.Type("exit 0\r");
        Assert.Equal(0, session.WaitForExitStatus());
    }

    [RootFact]
    public void RunInteractiveTty_DetachKeys_LeaveTheContainerRunning()
    {
        var name = Containers.UniqueName("detach");
        try
        {
            using var session = new TerminalSession(daemon, $"run -it --name {name} busybox sh");
            session.WaitFor("/ # ");
            session.Type("\u0010\u0011");
            Assert.Equal(0, session.WaitForExitStatus());
            Assert.Equal("running", Containers.Status(daemon, name));
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void RunInteractiveTty_CustomDetachKeys()
    {
        var name = Containers.UniqueName("detach-keys");
        try
        {
            using var session = new TerminalSession(daemon, $"run -it --detach-keys ctrl-a,x --name {name} busybox sh");
            session.WaitFor("/ # ");
            session.Type("\u0001x");
            Assert.Equal(0, session.WaitForExitStatus());
            Assert.Equal("running", Containers.Status(daemon, name));
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void Attach_Tty_DetachKeys_SayReadEscapeSequence()
    {
        var name = Containers.UniqueName("attach-tty");
        try
        {
            daemon.Succeed("run", "-dit", "--name", name, "busybox", "sh");
            using var session = new TerminalSession(daemon, $"attach {name}");
            session.Type("echo attached-$((2*3))\r");
            session.WaitFor("attached-6");
            session.Type("\u0010\u0011");
            Assert.Equal(1, session.WaitForExitStatus());
            Assert.Contains("read escape sequence", session.Screen);
            Assert.Equal("running", Containers.Status(daemon, name));
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void RunInteractiveTty_WithoutATerminal_IsRefused()
    {
        var r = daemon.Cais("run", "--rm", "-it", "busybox", "true");
        Assert.Equal((1, "the input device is not a TTY\n"), (r.ExitCode, r.Stderr));
    }
}
