using System.Text;
using Cais.Engine.Monitor;
using Cais.Runtime.Spec;
using Cais.TestSupport;

namespace Cais.Engine.Tests.Monitor;

/// <summary>
/// The daemon's side of a container monitor against the published `cais monitor`: a real
/// container from a busybox bundle, its output streamed over the monitor's socket, its exit recorded.
/// </summary>
[Collection("containers")]
public sealed class MonitorTests : IDisposable
{
    readonly TempDir exec = TempDir.Under(Path.Combine(TestPaths.Root, "monitor"), "exec-");

    public void Dispose() => exec.Dispose();

    MonitorOptions Options(TestBundle bundle, bool openStdin = false) => new()
    {
        Id = bundle.Id,
        Bundle = bundle.Dir,
        RuntimeRoot = exec.Combine("runtime"),
        SocketPath = exec.Combine("monitor.sock"),
        ExitFile = exec.Combine("exit.json"),
        OpenStdin = openStdin,
    };

    async Task<(LaunchedMonitor Monitor, MonitorConnection Connection)> Launch(MonitorOptions options)
    {
        var path = exec.Combine("monitor.json");
        options.Save(path);
        using var launcher = new MonitorLauncher(CaisBinary.Path, exec.Path);
        var monitor = await launcher.LaunchAsync(path);
        var connection = await MonitorConnection.ConnectAsync(options.SocketPath);
        return (monitor, connection);
    }

    static TestBundle Bundle(params string[] args) => TestBundle.Create(spec =>
    {
        spec.Process!.Args = [.. args];
        spec.Process.Terminal = false;
    });

    /// <summary>A launch with a spare ready hands the options to it: the monitor is the spare.</summary>
    [RootFact]
    public async Task Launch_WithASpareReady_TheSpareRunsTheContainer()
    {
        using var bundle = Bundle("sh", "-c", "echo from-the-spare");
        var options = Options(bundle);
        var path = exec.Combine("monitor.json");
        options.Save(path);
        using var launcher = new MonitorLauncher(CaisBinary.Path, exec.Path);
        launcher.Warm();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (launcher.SparePid is null && DateTime.UtcNow < deadline) await Task.Delay(10);
        var sparePid = launcher.SparePid;
        Assert.NotNull(sparePid);
        var monitor = await launcher.LaunchAsync(path);
        Assert.Equal(sparePid, monitor.Pid);
        await using (var connection = await MonitorConnection.ConnectAsync(options.SocketPath))
        {
            var output = new StringBuilder();
            await connection.StartAsync();
            var exit = await connection.PumpAsync((_, data) => output.Append(Encoding.UTF8.GetString(data.Span)));
            Assert.Equal(0, exit?.ExitCode);
            Assert.Equal("from-the-spare\n", output.ToString());
        }
        await monitor.Process.WaitForExitAsync();
        Assert.Equal(sparePid.ToString(), File.ReadAllText(exec.Combine("monitor.pid")).Trim());
        // The next spare is started after the launch; disposing the launcher lets it go.
        deadline = DateTime.UtcNow.AddSeconds(30);
        while (launcher.SparePid is null && DateTime.UtcNow < deadline) await Task.Delay(10);
        var next = launcher.SparePid;
        Assert.NotNull(next);
        launcher.Dispose();
        deadline = DateTime.UtcNow.AddSeconds(30);
        while (Alive(next.Value) && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.False(Alive(next.Value), "the spare did not exit when its launcher was disposed");
    }

    /// <summary>Running, not yet a zombie; false once reaped (its /proc entry may vanish while read).</summary>
    static bool Alive(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] != "Z"; }
        catch (IOException) { return false; }
    }

    [RootFact]
    public async Task Run_OutputAndExitCode_ReachTheDaemon()
    {
        using var bundle = Bundle("sh", "-c", "echo out; echo err >&2; exit 3");
        var options = Options(bundle);
        var (monitor, connection) = await Launch(options);
        await using var _ = connection;
        await connection.StartAsync();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var exit = await connection.PumpAsync((type, data) =>
            (type == FrameType.Stdout ? stdout : stderr).Append(Encoding.UTF8.GetString(data.Span)));

        Assert.NotNull(exit);
        Assert.Equal(3, exit.ExitCode);
        Assert.False(exit.OomKilled);
        Assert.Equal("out\n", stdout.ToString());
        Assert.Equal("err\n", stderr.ToString());
        await monitor.Process.WaitForExitAsync();
        Assert.Equal(0, monitor.Process.ExitCode);
        Assert.Equal(3, ExitRecord.TryLoad(options.ExitFile)!.ExitCode);
        Assert.False(File.Exists(options.SocketPath), "the monitor removes its socket");
        Assert.False(Directory.Exists(Path.Combine(options.RuntimeRoot, bundle.Id)), "the runtime state is deleted");
    }

    /// <summary>
    /// A monitor that writes to its own stderr while it creates the container (here the
    /// runtime's trace, as a warning would) writes to the daemon's log, never into the container's
    /// stderr; and holding no copy of that pipe, it sees the output end when the container exits.
    /// </summary>
    [RootFact]
    public async Task Run_MonitorWritesToItsStderrDuringCreate_NotIntoTheContainersOutput()
    {
        // Appended to: the launcher starts its next spare through the same wrapper.
        var tracing = exec.Combine("tracing-caisd");
        File.WriteAllText(tracing, $"#!/bin/sh\nCAIS_TRACE=1 exec {CaisBinary.Path} \"$@\" 2>>{exec.Combine("monitor.err")}\n");
        File.SetUnixFileMode(tracing, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var bundle = Bundle("sh", "-c", "echo out; echo err >&2");
        var options = Options(bundle);
        var path = exec.Combine("monitor.json");
        options.Save(path);
        using var launcher = new MonitorLauncher(tracing, exec.Path);
        var monitor = await launcher.LaunchAsync(path);
        await using (var connection = await MonitorConnection.ConnectAsync(options.SocketPath))
        {
            await connection.StartAsync();
            var stdout = new StringBuilder();
            var stderr = new StringBuilder();
            var exit = await connection.PumpAsync((type, data) =>
                (type == FrameType.Stdout ? stdout : stderr).Append(Encoding.UTF8.GetString(data.Span)));
            Assert.Equal(0, exit?.ExitCode);
            Assert.Equal("out\n", stdout.ToString());
            // The fork child's own trace (`cais child op`) is the container's stderr by design;
            // the monitor's marks are not.
            Assert.EndsWith("err\n", stderr.ToString());
            Assert.DoesNotContain("cais trace", stderr.ToString());
        }
        await monitor.Process.WaitForExitAsync();
        Assert.Equal(0, monitor.Process.ExitCode);
        var monitorErr = File.ReadAllText(exec.Combine("monitor.err"));
        Assert.Contains("cais trace", monitorErr);
        Assert.Contains("create: done", monitorErr);
    }

    [RootFact]
    public async Task Stdin_PipedThroughTheMonitor_ReachesTheProcess()
    {
        using var bundle = Bundle("cat");
        var options = Options(bundle, openStdin: true);
        var (_, connection) = await Launch(options);
        await using var __ = connection;
        await connection.StartAsync();
        await connection.WriteStdinAsync(Encoding.UTF8.GetBytes("piped\n"));
        await connection.CloseStdinAsync();
        var stdout = new StringBuilder();
        var exit = await connection.PumpAsync((_, data) => stdout.Append(Encoding.UTF8.GetString(data.Span)));

        Assert.Equal(0, exit!.ExitCode);
        Assert.Equal("piped\n", stdout.ToString());
    }

    [RootFact]
    public async Task MissingExecutable_StartFailsWithNoSuchFile_AndLeavesNothing()
    {
        using var bundle = Bundle("/no/such/binary");
        var options = Options(bundle);
        try
        {
            var (monitor, connection) = await Launch(options);
            await using var _ = connection;
            var e = await Assert.ThrowsAsync<MonitorStartException>(() => connection.StartAsync());
            Assert.Contains("no such file or directory", e.Message, StringComparison.OrdinalIgnoreCase);
            await monitor.Process.WaitForExitAsync();
            Assert.Equal(127, ExitRecord.TryLoad(options.ExitFile)!.ExitCode);
        }
        catch (MonitorStartException e)
        {
            // The runtime may refuse at create already; either way the message names the file.
            Assert.Contains("no such file or directory", e.Message, StringComparison.OrdinalIgnoreCase);
        }
        Assert.False(Directory.Exists(Path.Combine(options.RuntimeRoot, bundle.Id)), "no runtime state is left");
    }
}
