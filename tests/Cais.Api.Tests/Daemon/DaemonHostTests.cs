using System.Net;
using Cais.Api.Hosting;
using Cais.Api.Tests.Support;
using Cais.Daemon;
using Cais.Engine.Errors;
using Cais.TestSupport;

namespace Cais.Api.Tests.Daemon;

/// <summary>The daemon host in-process: pid file lock, socket set-up and tear-down.</summary>
public class DaemonHostTests : IDisposable
{
    readonly TempDir dir = new("cais-daemon-");

    public void Dispose() => dir.Dispose();

    DaemonOptions Options(string? socket = null) => new()
    {
        Hosts = [ListenAddress.Unix(socket ?? dir.Combine("run", "cais.sock"))],
        DataRoot = dir.Combine("root"),
        ExecRoot = dir.Combine("run"),
    };

    [RootFact]
    public async Task Start_WritesPidFileAndServes_StopRemovesBoth()
    {
        var options = Options();
        var log = new StringWriter();
        var host = await DaemonHost.StartAsync(options, TextWriter.Synchronized(log));
        try
        {
            Assert.Equal(Environment.ProcessId.ToString(), PidFile.ReadPid(options.EffectivePidFile));
            Assert.Contains($"msg=\"API listen on {options.Hosts[0].SocketPath}\"", log.ToString());
            using var client = UnixHttp.Client(options.Hosts[0].SocketPath!);
            using var response = await client.GetAsync("/_ping");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // The directory made for the socket is private to root.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir.Combine("run")) & (UnixFileMode)0x1FF);
        }
        finally
        {
            await host.StopAsync();
        }
        Assert.False(File.Exists(options.EffectivePidFile));
        Assert.False(File.Exists(options.Hosts[0].SocketPath));
    }

    [RootFact]
    public async Task Start_SecondDaemonOnTheSameExecRoot_RefusedWithoutTouchingTheFirst()
    {
        var options = Options();
        await using var first = await DaemonHost.StartAsync(options, TextWriter.Null);
        var e = await Assert.ThrowsAsync<DaemonAlreadyRunningException>(() => DaemonHost.StartAsync(Options(dir.Combine("other.sock")), TextWriter.Null));
        Assert.Contains(options.EffectivePidFile, e.Message);
        Assert.Contains(Environment.ProcessId.ToString(), e.Message);
        // The first still owns its pid file and still serves.
        Assert.Equal(Environment.ProcessId.ToString(), PidFile.ReadPid(options.EffectivePidFile));
        Assert.False(File.Exists(dir.Combine("other.sock")));
        using var client = UnixHttp.Client(options.Hosts[0].SocketPath!);
        using var response = await client.GetAsync("/_ping");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [RootFact]
    public async Task Start_StaleSocketLeftByADeadDaemon_Replaced()
    {
        var path = dir.Combine("run", "cais.sock");
        Directory.CreateDirectory(dir.Combine("run"));
        // A listening socket closed without unlinking its file, as a killed daemon leaves it.
        Cais.Linux.Fds.Close(Cais.Linux.UnixSockets.Listen(path));
        Assert.True(File.Exists(path));
        await using var host = await DaemonHost.StartAsync(Options(), TextWriter.Null);
        using var client = UnixHttp.Client(path);
        using var response = await client.GetAsync("/_ping");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [RootFact]
    public async Task Start_RegularFileAtTheSocketPath_RefusedAndLeftAlone()
    {
        var path = dir.Combine("run", "cais.sock");
        Directory.CreateDirectory(dir.Combine("run"));
        File.WriteAllText(path, "precious");
        var e = await Assert.ThrowsAsync<InvalidParameterException>(() => DaemonHost.StartAsync(Options(), TextWriter.Null));
        Assert.Contains("not a socket", e.Message);
        Assert.Equal("precious", File.ReadAllText(path));
        // A failed start releases the pid file for the next attempt.
        Assert.False(File.Exists(Options().EffectivePidFile));
    }

    [RootFact]
    public async Task Start_SocketAnotherServerAnswersOn_Refused()
    {
        var options = Options();
        await using var first = await DaemonHost.StartAsync(options, TextWriter.Null);
        var second = Options(options.Hosts[0].SocketPath) with { ExecRoot = dir.Combine("run2"), DataRoot = dir.Combine("root2") };
        var e = await Assert.ThrowsAsync<InvalidParameterException>(() => DaemonHost.StartAsync(second, TextWriter.Null));
        Assert.Contains("another daemon is serving that socket", e.Message);
    }

    [RootFact]
    public void PidFile_HeldInThisProcess_SecondAcquireRefused()
    {
        var path = dir.Combine("p", "cais.pid");
        using (PidFile.Acquire(path))
        {
            var e = Assert.Throws<DaemonAlreadyRunningException>(() => PidFile.Acquire(path));
            Assert.Contains("is not running", e.Message);
        }
        using var again = PidFile.Acquire(path);
        Assert.Equal(Environment.ProcessId.ToString(), PidFile.ReadPid(path));
    }
}
