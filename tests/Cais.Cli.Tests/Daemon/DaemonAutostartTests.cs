using Cais.Api.Client.Connection;
using Cais.Cli.Daemon;
using Cais.Linux;
using Cais.TestSupport;

namespace Cais.Cli.Tests.Daemon;

/// <summary>
/// Starting the daemon on demand, on a socket of the test's own (the default socket is only a
/// parameter of <see cref="DaemonAutostart"/>), with the published cais executable.
/// </summary>
public class DaemonAutostartTests
{
    [Fact]
    public void For_AnotherSocketThanTheDefault_DoesNotApply() =>
        Assert.Null(DaemonAutostart.For(DaemonEndpoint.Unix("/tmp/elsewhere.sock"), CaisMain.DefaultDataRoot));

    [Fact]
    public void For_Tcp_DoesNotApply() =>
        Assert.Null(DaemonAutostart.For(DaemonEndpoint.Tcp("localhost", 2375), CaisMain.DefaultDataRoot));

    [RootFact]
    public void For_DefaultSocket_PassesANonDefaultDataRootAsRoot()
    {
        if (Environment.GetEnvironmentVariable(DaemonAutostart.DisableVariable) == "1") return; // disabled for this whole run
        var autostart = DaemonAutostart.For(DaemonEndpoint.Default, "/srv/cais-data");
        Assert.NotNull(autostart);
        Assert.Equal(["daemon", "--root", "/srv/cais-data"], autostart.DaemonArguments);
        Assert.Equal(DaemonAutostart.DefaultLogPath, autostart.LogPath);
        Assert.Equal(["daemon"], DaemonAutostart.For(DaemonEndpoint.Default, CaisMain.DefaultDataRoot)!.DaemonArguments);
    }

    [RootFact]
    public void EnsureRunning_NothingListening_StartsADetachedDaemonThatAnswers()
    {
        using var dir = new TempDir("cais-autostart-");
        var socket = dir.Combine("cais.sock");
        var log = dir.Combine("log", "daemon.log");
        var autostart = new DaemonAutostart(socket, CaisBinary.Path,
            ["daemon", "--root", dir.Combine("data"), "--exec-root", dir.Combine("exec"), "-H", "unix://" + socket], log)
        {
            ReadyTimeout = TimeSpan.FromSeconds(30),
        };
        var error = new StringWriter();
        var pid = autostart.EnsureRunning(error);
        try
        {
            Assert.True(pid is not null, error.ToString());
            Assert.Equal($"cais: started the daemon (log: {log})\n", error.ToString());
            // In a session of its own (session id = its pid), stdin from /dev/null, output to the log.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            Assert.Equal(pid.ToString(), fields[3]);
            Assert.Equal("/dev/null", new FileInfo($"/proc/{pid}/fd/0").LinkTarget);
            Assert.Equal(log, new FileInfo($"/proc/{pid}/fd/1").LinkTarget);
            Assert.Equal(log, new FileInfo($"/proc/{pid}/fd/2").LinkTarget);
            // A daemon is there now: nothing more is started.
            var again = new StringWriter();
            Assert.Null(autostart.EnsureRunning(again));
            Assert.Equal("", again.ToString());
        }
        finally
        {
            if (pid is { } daemon)
            {
                Processes.Signal(daemon, Signals.SIGTERM);
                Processes.WaitExitCode(daemon); // our child: reaped here
            }
        }
        Assert.Contains("API listen on", File.ReadAllText(log));
    }

    [RootFact]
    public void EnsureRunning_DaemonCannotStart_SaysSoAndPointsAtTheLog()
    {
        using var dir = new TempDir("cais-autostart-bad-");
        var socket = dir.Combine("cais.sock");
        var log = dir.Combine("daemon.log");
        var autostart = new DaemonAutostart(socket, CaisBinary.Path, ["daemon", "--no-such-flag"], log) { ReadyTimeout = TimeSpan.FromSeconds(30) };
        var error = new StringWriter();
        Assert.Null(autostart.EnsureRunning(error));
        Assert.Equal($"cais: the daemon exited with status 125 (log: {log})\n", error.ToString());
        Assert.Contains("unknown flag: --no-such-flag", File.ReadAllText(log));
    }
}
