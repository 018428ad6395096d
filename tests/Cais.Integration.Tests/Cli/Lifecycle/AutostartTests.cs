using System.Net.Sockets;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Cli.Lifecycle;

/// <summary>
/// The CLI starting a daemon on the real default socket when none answers there. Runs only when
/// nothing listens at /run/cais/cais.sock (a developer's or CI's daemon is left alone), and stops
/// the daemon it caused by the pid in its pid file.
/// </summary>
public sealed class AutostartTests
{
    const string DefaultSocket = "/run/cais/cais.sock";
    const string DefaultPidFile = "/run/cais/cais.pid";

    static bool SomethingListens()
    {
        try
        {
            using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            s.Connect(new UnixDomainSocketEndPoint(DefaultSocket));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    static ProcessResult Cais(string? noAutostart, params string[] args) =>
        ProcessRunner.Run(CaisBinary.Path, args, null, TimeSpan.FromSeconds(60),
            new Dictionary<string, string?> { ["DOCKER_HOST"] = null, ["CAIS_HOST"] = null, ["CAIS_NO_AUTOSTART"] = noAutostart });

    [RootFact]
    public void DefaultSocket_NoDaemon_TheCliStartsOne()
    {
        if (SomethingListens()) return; // a daemon is there already: nothing to show, and not ours to stop
        using var data = new TempDir("cais-autostart-root-");
        var r = Cais(null, "--data-root", data.Path, "version", "--format", "{{.Server.Version}}");
        var pid = ReadPidFile();
        try
        {
            Assert.True(r.ExitCode == 0, r.Describe());
            Assert.Equal("0.1.0\n", r.Stdout);
            Assert.Equal("cais: started the daemon (log: /var/log/cais/daemon.log)\n", r.Stderr);
            Assert.NotNull(pid);
            // It serves the data root it was given.
            Assert.Equal(data.Path + "\n", Cais("1", "info", "--format", "{{.DockerRootDir}}").Stdout);
        }
        finally
        {
            if (pid is not null) StopDaemon(pid);
        }
    }

    [RootFact]
    public void DefaultSocket_NoDaemon_AutostartDisabled_SaysItCannotConnect()
    {
        if (SomethingListens()) return;
        var r = Cais("1", "version");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("Cannot connect to the cais daemon at unix:///run/cais/cais.sock. Is the cais daemon running?\n", r.Stderr);
        Assert.False(SomethingListens());
    }

    /// <summary>
    /// The daemon's pid, read with cat: the daemon holds an exclusive flock on the file, and .NET
    /// takes a shared one of its own on open, which that refuses.
    /// </summary>
    static string? ReadPidFile()
    {
        var r = ProcessRunner.Run("cat", [DefaultPidFile]);
        return r.ExitCode == 0 && r.Stdout.Trim().Length > 0 ? r.Stdout.Trim() : null;
    }

    /// <summary>SIGTERM to the daemon (not our child: its parent, the CLI, has exited), then wait for it to go.</summary>
    static void StopDaemon(string pid)
    {
        ProcessRunner.Run("kill", ["-TERM", pid]);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Directory.Exists($"/proc/{pid}") && DateTime.UtcNow < deadline) Thread.Sleep(50);
        Assert.False(Directory.Exists($"/proc/{pid}"), $"the autostarted daemon {pid} did not stop");
    }
}
