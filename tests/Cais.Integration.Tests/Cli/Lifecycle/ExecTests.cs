using Cais.TestSupport;

namespace Cais.Integration.Tests.Cli.Lifecycle;

/// <summary>`cais exec` in a running container: output, stdin, exit codes, options, -d, errors.</summary>
public sealed class ExecTests(CaisDaemonFixture daemon) : IClassFixture<CaisDaemonFixture>, IDisposable
{
    readonly string name = StartSleeper(daemon);

    static string StartSleeper(CaisDaemonFixture daemon)
    {
        var name = Containers.UniqueName("exec");
        daemon.Succeed("run", "-d", "--name", name, "busybox", "sleep", "300");
        return name;
    }

    [RootFact]
    public void Exec_PrintsTheOutput() => Assert.Equal("inside\n", daemon.Succeed("exec", name, "echo", "inside").Stdout);

    [RootFact]
    public void Exec_Stderr_StaysStderr()
    {
        var r = daemon.Succeed("exec", name, "sh", "-c", "echo out; echo err >&2");
        Assert.Equal(("out\n", "err\n"), (r.Stdout, r.Stderr));
    }

    [RootFact]
    public void Exec_Interactive_PassesStdin()
    {
        var r = daemon.Cais(["exec", "-i", name, "cat"], stdin: "piped\n");
        Assert.Equal((0, "piped\n"), (r.ExitCode, r.Stdout));
    }

    [RootFact]
    public void Exec_ExitCode_IsTheProcesss() => Assert.Equal(5, daemon.Cais("exec", name, "sh", "-c", "exit 5").ExitCode);

    [RootFact]
    public void Exec_EnvWorkdirUser()
    {
        var r = daemon.Succeed("exec", "-e", "X=1", "-w", "/tmp", "-u", "1234", name, "sh", "-c", "echo $X $(pwd) $(id -u)");
        Assert.Equal("1 /tmp 1234\n", r.Stdout);
    }

    [RootFact]
    public void Exec_Detached_ReturnsAtOnceAndTheProcessRuns()
    {
        var r = daemon.Cais("exec", "-d", name, "sh", "-c", "echo done > /tmp/exec-detached");
        Assert.Equal((0, ""), (r.ExitCode, r.Stdout));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string seen = "";
        while (DateTime.UtcNow < deadline && seen != "done\n")
        {
            seen = daemon.Cais("exec", name, "cat", "/tmp/exec-detached").Stdout;
            if (seen != "done\n") Thread.Sleep(50);
        }
        Assert.Equal("done\n", seen);
    }

    [RootFact]
    public void Exec_MissingContainer_SaysSo()
    {
        var r = daemon.Cais("exec", "exec-missing-x", "true");
        Assert.Equal((1, "Error response from daemon: No such container: exec-missing-x\n"), (r.ExitCode, r.Stderr));
    }

    [RootFact]
    public void Exec_MissingCommand_FailsWithTheDaemonsReason()
    {
        var r = daemon.Cais("exec", name, "/no/such/binary");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("no such file or directory", r.Stdout + r.Stderr);
    }

    [RootFact]
    public void Exec_WithoutCommand_Exits1()
    {
        var r = daemon.Cais("exec", name);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("cais: 'cais exec' requires at least 2 arguments", r.Stderr);
    }

    [RootFact]
    public void Exec_Tty_GivesATerminal()
    {
        var r = Containers.InTerminal(daemon, $"exec -t {name} tty");
        Assert.Contains("/dev/pts/", r.Stdout);
        Assert.Contains("exit=0", r.Stdout);
    }

    public void Dispose() => Containers.Remove(daemon, name);
}
