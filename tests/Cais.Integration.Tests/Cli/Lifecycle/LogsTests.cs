using System.Text.RegularExpressions;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Cli.Lifecycle;

/// <summary>`cais logs` and its options, on a container that wrote to both streams.</summary>
public sealed class LogsTests(CaisDaemonFixture daemon) : IClassFixture<CaisDaemonFixture>, IDisposable
{
    readonly string name = CreateWriter(daemon);

    static string CreateWriter(CaisDaemonFixture daemon)
    {
        var name = Containers.UniqueName("logs");
        daemon.Succeed("run", "--name", name, "busybox", "sh", "-c", "echo one; echo two >&2; echo three");
        return name;
    }

    [RootFact]
    public void Logs_SplitsStdoutAndStderr()
    {
        var r = daemon.Succeed("logs", name);
        Assert.Equal(("one\nthree\n", "two\n"), (r.Stdout, r.Stderr));
    }

    [RootFact]
    public void Logs_Tail_KeepsTheLastLines()
    {
        // The two streams are separate pipes, so which of "two" and "three" was logged last is not fixed.
        static int Lines(ProcessResult r) => (r.Stdout + r.Stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.Equal(1, Lines(daemon.Succeed("logs", "--tail", "1", name)));
        Assert.Equal(2, Lines(daemon.Succeed("logs", "-n", "2", name)));
        Assert.Equal(3, Lines(daemon.Succeed("logs", "--tail", "all", name)));
        Assert.Equal(0, Lines(daemon.Succeed("logs", "--tail", "0", name)));
    }

    [RootFact]
    public void Logs_Timestamps_PrefixEachLine()
    {
        var r = daemon.Succeed("logs", "-t", name);
        Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z one\n\S+ three\n$"), r.Stdout);
    }

    [RootFact]
    public void Logs_SinceTheFuture_IsEmpty_UntilThePast_IsEmpty()
    {
        Assert.Equal("", daemon.Succeed("logs", "--since", DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), name).Stdout);
        Assert.Equal("", daemon.Succeed("logs", "--until", "1h", name).Stdout);
        Assert.Equal("one\nthree\n", daemon.Succeed("logs", "--since", "1h", name).Stdout);
    }

    [RootFact]
    public void Logs_BadSince_SaysWhy()
    {
        var r = daemon.Cais("logs", "--since", "soon", name);
        Assert.Equal((1, "invalid value for \"since\": failed to parse value as time or duration: \"soon\"\n"), (r.ExitCode, r.Stderr));
    }

    [RootFact]
    public void Logs_Follow_EndsWhenTheContainerDoes()
    {
        var follower = Containers.UniqueName("logs-f");
        try
        {
            daemon.Succeed("run", "-d", "-i", "--name", follower, "busybox", "sh", "-c", "echo before; read x; echo after");
            var info = new System.Diagnostics.ProcessStartInfo(CaisBinary.Path) { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[] { "-H", daemon.Host, "logs", "-f", follower }) info.ArgumentList.Add(a);
            info.Environment["CAIS_NO_AUTOSTART"] = "1";
            using var logs = System.Diagnostics.Process.Start(info)!;
            Assert.Equal("before", logs.StandardOutput.ReadLine());
            Assert.Equal(0, daemon.Cais(["attach", follower], stdin: "go\n").ExitCode);
            Assert.Equal("after", logs.StandardOutput.ReadLine());
            Assert.True(logs.WaitForExit(30_000), "logs -f did not end with the container");
            Assert.Equal(0, logs.ExitCode);
        }
        finally
        {
            Containers.Remove(daemon, follower);
        }
    }

    [RootFact]
    public void Logs_Missing_SaysSo()
    {
        var r = daemon.Cais("logs", "logs-missing-x");
        Assert.Equal((1, "Error response from daemon: No such container: logs-missing-x\n"), (r.ExitCode, r.Stderr));
    }

    [RootFact]
    public void Logs_WrongArgumentCount_Exits1()
    {
        var r = daemon.Cais("logs");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("cais: 'cais logs' requires 1 argument\n\nUsage:  cais logs [OPTIONS] CONTAINER\n", r.Stderr);
    }

    public void Dispose() => Containers.Remove(daemon, name);
}
