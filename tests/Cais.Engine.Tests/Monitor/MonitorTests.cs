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
        var monitor = await MonitorLauncher.LaunchAsync(CaisBinary.Path, path);
        var connection = await MonitorConnection.ConnectAsync(options.SocketPath);
        return (monitor, connection);
    }

    static TestBundle Bundle(params string[] args) => TestBundle.Create(spec =>
    {
        spec.Process!.Args = [.. args];
        spec.Process.Terminal = false;
    });

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
