using System.Text;
using Cais.Engine.Errors;
using Cais.Engine.Exec;
using Cais.Engine.Monitor;
using Cais.TestSupport;

namespace Cais.Engine.Tests.Containers;

/// <summary>Exec in real busybox containers: each exec runs under a monitor of its own.</summary>
public sealed class ExecTests : IDisposable
{
    readonly EngineHarness h = new();

    async Task<string> RunningSleeper()
    {
        var id = h.Create("sleep", "300");
        await h.Engine.StartContainer(id);
        return id;
    }

    /// <summary>Starts an exec and collects its output until it exits.</summary>
    async Task<(int Code, string Stdout, string Stderr)> Run(ExecInstance exec)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        await h.Engine.StartExec(exec.Id, (type, data) =>
        {
            lock (stdout) (type == FrameType.Stdout ? stdout : stderr).Append(Encoding.UTF8.GetString(data.Span));
            return ValueTask.CompletedTask;
        });
        int code = await exec.Exited.WaitAsync(TimeSpan.FromSeconds(30));
        return (code, stdout.ToString(), stderr.ToString());
    }

    static ExecConfig Cmd(params string[] cmd) => new() { Cmd = cmd, AttachStdout = true, AttachStderr = true };

    [RootFact]
    public async Task Exec_RunsInTheContainer_OutputAndExitCode()
    {
        var id = await RunningSleeper();
        var (code, stdout, stderr) = await Run(h.Engine.CreateExec(id, Cmd("sh", "-c", "echo out; echo err >&2; hostname; exit 5")));
        Assert.Equal(5, code);
        Assert.Equal($"out\n{id[..12]}\n", stdout);
        Assert.Equal("err\n", stderr);
    }

    [RootFact]
    public async Task Exec_SeesTheContainersProcessesAndFiles()
    {
        var id = await RunningSleeper();
        Assert.Equal(0, (await Run(h.Engine.CreateExec(id, Cmd("sh", "-c", "echo hi > /tmp/mark")))).Code);
        var (code, stdout, _) = await Run(h.Engine.CreateExec(id, Cmd("sh", "-c", "cat /tmp/mark; ps -o comm | grep -c sleep")));
        Assert.Equal(0, code);
        Assert.Equal("hi\n1\n", stdout);
    }

    [RootFact]
    public async Task Exec_UserEnvAndWorkingDirectory()
    {
        var id = await RunningSleeper();
        var exec = h.Engine.CreateExec(id, Cmd("sh", "-c", "id -u; echo $FOO; pwd") with { User = "nobody", Env = ["FOO=bar"], WorkingDir = "/tmp" });
        var (code, stdout, _) = await Run(exec);
        Assert.Equal(0, code);
        Assert.Equal("65534\nbar\n/tmp\n", stdout);
        Assert.Null(exec.Connection);
        Assert.False(exec.Running);
    }

    [RootFact]
    public async Task Exec_Stdin_ReachesTheProcessAndItsEndClosesIt()
    {
        var id = await RunningSleeper();
        var exec = h.Engine.CreateExec(id, Cmd("cat") with { AttachStdin = true });
        var output = new StringBuilder();
        await h.Engine.StartExec(exec.Id, (_, data) => { lock (output) output.Append(Encoding.UTF8.GetString(data.Span)); return ValueTask.CompletedTask; });
        Assert.True(exec.Running);
        Assert.Contains(exec.Id, h.Engine.RunningExecsOf(id));
        await h.Engine.WriteExecStdin(exec, Encoding.UTF8.GetBytes("piped\n"));
        await h.Engine.WriteExecStdin(exec, ReadOnlyMemory<byte>.Empty);
        Assert.Equal(0, await exec.Exited.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("piped\n", output.ToString());
        Assert.Empty(h.Engine.RunningExecsOf(id));
    }

    [RootFact]
    public async Task Exec_MissingExecutable_FailsWith127AndNamesIt()
    {
        var id = await RunningSleeper();
        var exec = h.Engine.CreateExec(id, Cmd("no-such-binary"));
        var e = await Assert.ThrowsAsync<StartFailedException>(() => h.Engine.StartExec(exec.Id, null));
        Assert.Contains("no-such-binary", e.Message);
        Assert.Equal(127, exec.ExitCode);
        // Nothing of the failed exec is left in the exec root.
        Assert.False(Directory.Exists(Path.Combine(h.Engine.ExecDir(id), "exec", exec.Id)));
    }

    [RootFact]
    public async Task Exec_BadRequests_AreDockersErrors()
    {
        var created = h.Create("true");
        Assert.Throws<ConflictException>(() => h.Engine.CreateExec(created, Cmd("true")));
        Assert.Throws<NotFoundException>(() => h.Engine.CreateExec("no-such-container", Cmd("true")));
        var id = await RunningSleeper();
        Assert.Throws<InvalidParameterException>(() => h.Engine.CreateExec(id, Cmd()));
        Assert.Throws<NotFoundException>(() => h.Engine.GetExec("no-such-exec"));
        var exec = h.Engine.CreateExec(id, Cmd("true"));
        await Run(exec);
        await Assert.ThrowsAsync<ConflictException>(() => h.Engine.StartExec(exec.Id, null));
    }

    [RootFact]
    public async Task Exec_WithTerminal_GetsAPty()
    {
        var id = await RunningSleeper();
        var (code, stdout, _) = await Run(h.Engine.CreateExec(id, Cmd("sh", "-c", "tty; echo $TERM") with { Tty = true, ConsoleSize = (30, 100) }));
        Assert.Equal(0, code);
        Assert.Matches(@"^/dev/pts/\d+\r\nxterm\r\n$", stdout);
    }

    [RootFact]
    public async Task Exec_RemovedContainer_ForgetsItsExecs()
    {
        var id = await RunningSleeper();
        var exec = h.Engine.CreateExec(id, Cmd("true"));
        await h.Engine.RemoveContainer(id, force: true, removeVolumes: true);
        Assert.Throws<NotFoundException>(() => h.Engine.GetExec(exec.Id));
    }

    public void Dispose() => h.Dispose();
}
