using System.Diagnostics;
using System.Net;
using Cais.Api.Tests.Support;
using Cais.Linux;
using Cais.TestSupport;

namespace Cais.Api.Tests.Daemon;

/// <summary>A fact that needs root and the cais executable (<see cref="CaisBinary"/>).</summary>
public sealed class CaisBinaryFactAttribute : FactAttribute
{
    public CaisBinaryFactAttribute()
    {
        if (HostRequirements.RootSkipReason() is { } root)
        {
            Skip = root;
            return;
        }
        try
        {
            _ = CaisBinary.Path;
        }
        catch (FileNotFoundException e)
        {
            Skip = e.Message;
        }
    }
}

/// <summary>`cais daemon` as a process: ready line, signals, exit status, clean-up.</summary>
public class DaemonProcessTests : IDisposable
{
    readonly TempDir dir = new("cais-daemon-process-");

    public void Dispose() => dir.Dispose();

    Process Start(out string socket)
    {
        socket = dir.Combine("run", "cais.sock");
        var info = new ProcessStartInfo(CaisBinary.Path)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "daemon", "-H", "unix://" + socket, "--root", dir.Combine("root"), "--exec-root", dir.Combine("run"), "--config-file", dir.Combine("none.json") })
            info.ArgumentList.Add(arg);
        return Process.Start(info)!;
    }

    static async Task<string> WaitForLineAsync(StreamReader reader, string contains, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var seen = new System.Text.StringBuilder();
        while (true)
        {
            var line = await reader.ReadLineAsync(cancel.Token) ?? throw new EndOfStreamException($"stderr ended before \"{contains}\":\n{seen}");
            seen.AppendLine(line);
            if (line.Contains(contains, StringComparison.Ordinal)) return line;
        }
    }

    [CaisBinaryFact]
    public async Task Daemon_ReadyLineThenSigterm_StopsCleanly()
    {
        // An empty config file of the test's own: the host's /etc/cais/daemon.json must not matter.
        File.WriteAllText(dir.Combine("none.json"), "{}");
        using var daemon = Start(out var socket);
        try
        {
            var ready = await WaitForLineAsync(daemon.StandardError, "API listen on", TimeSpan.FromSeconds(30));
            Assert.Contains($"level=info msg=\"API listen on {socket}\"", ready);
            using (var client = UnixHttp.Client(socket))
            using (var response = await client.GetAsync("/_ping"))
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(Processes.Signal(daemon.Id, Signals.SIGTERM));
            await daemon.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
            Assert.Equal(0, daemon.ExitCode);
            Assert.False(File.Exists(socket));
            Assert.False(File.Exists(dir.Combine("run", "cais.pid")));
        }
        finally
        {
            if (!daemon.HasExited) daemon.Kill();
        }
    }

    [CaisBinaryFact]
    public async Task Daemon_SecondOnTheSameExecRoot_ExitsOneNamingThePidFile()
    {
        File.WriteAllText(dir.Combine("none.json"), "{}");
        using var first = Start(out _);
        try
        {
            await WaitForLineAsync(first.StandardError, "API listen on", TimeSpan.FromSeconds(30));
            var second = CaisBinary.Run("daemon", "-H", "unix://" + dir.Combine("second.sock"), "--root", dir.Combine("root"),
                "--exec-root", dir.Combine("run"), "--config-file", dir.Combine("none.json"));
            Assert.Equal(1, second.ExitCode);
            Assert.Contains("failed to start daemon: pid file found", second.Stderr);
            Assert.Contains(first.Id.ToString(), second.Stderr);
        }
        finally
        {
            Processes.Signal(first.Id, Signals.SIGTERM);
            if (!first.WaitForExit(30000)) first.Kill();
        }
    }

    [CaisBinaryFact]
    public void Daemon_BadFlag_Exits125()
    {
        var result = CaisBinary.Run("daemon", "--no-such-flag");
        Assert.Equal(125, result.ExitCode);
        Assert.Contains("cais daemon: unknown flag: --no-such-flag", result.Stderr);
    }
}
