using System.Net.Sockets;
using System.Text;
using Cais.Linux;
using Cais.TestSupport;
using Microsoft.Win32.SafeHandles;

namespace Cais.Integration.Tests.Runtime;

/// <summary>process.terminal: the pty master handed over a console socket, or proxied by `run` and `exec`.</summary>
[Collection("containers")]
public sealed class TerminalTests : IDisposable
{
    readonly RuntimeHarness h = new();
    readonly TempDir sockets = new("cais-console-");

    public void Dispose()
    {
        h.Dispose();
        sockets.Dispose();
    }

    [RootFact]
    public async Task Create_TerminalWithConsoleSocket_SendsThePtyMaster()
    {
        var b = h.Bundle(["sh", "-c", "tty; [ -c /dev/console ] && echo console-ok; echo hello"], s => s.Process!.Terminal = true);
        using var console = new ConsoleSocket(sockets.Combine("create.sock"));
        var receive = console.ReceiveMasterAsync();
        var created = h.Runtime("create", "--console-socket", console.Path, "--bundle", b.Dir, b.Id);
        Assert.True(created.ExitCode == 0, created.Describe());
        using var master = await receive;
        var reading = master.ReadToEndAsync();

        Assert.Equal(0, h.Runtime("start", b.Id).ExitCode);
        var output = await reading;
        Assert.Contains("/dev/pts/0", output);
        Assert.Contains("console-ok", output);
        Assert.Contains("hello", output);
        LifecycleTests.WaitFor(() => h.Status(b.Id) == "stopped");
        Assert.Equal(0, h.Runtime("delete", b.Id).ExitCode);
        h.AssertNothingLeft(b.Id, b);
    }

    [RootFact]
    public void Create_TerminalWithoutConsoleSocket_FailsAndLeavesNothing()
    {
        var b = h.Bundle(["sh", "-c", "tty"], s => s.Process!.Terminal = true);
        var r = h.Runtime("create", "--bundle", b.Dir, b.Id);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--console-socket", r.Stderr);
        h.AssertNothingLeft(b.Id, b);
        Assert.Empty(RuntimeHarness.ProcessesOf(b.Id));
        Assert.Equal("", h.Runtime("list", "-q").Stdout);
    }

    [RootFact]
    public void Create_ConsoleSocketWithoutTerminal_IsRefused()
    {
        using var console = new ConsoleSocket(sockets.Combine("unused.sock"));
        var b = h.Bundle(["true"]);
        var r = h.Runtime("create", "--console-socket", console.Path, "--bundle", b.Dir, b.Id);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("terminal", r.Stderr);
        h.AssertNothingLeft(b.Id, b);
    }

    [RootFact]
    public void Run_TerminalWithoutConsoleSocket_ProxiesOutputAndExitCode()
    {
        // The test's stdin is a pipe, not a terminal: the proxy copies without making anything raw.
        var b = h.Bundle(["sh", "-c", "tty; echo hello; exit 5"], s => s.Process!.Terminal = true);
        var r = h.Runtime("run", "--bundle", b.Dir, b.Id);
        Assert.True(r.ExitCode == 5, r.Describe());
        Assert.Contains("/dev/pts/0", r.Stdout);
        Assert.Contains("hello", r.Stdout);
        h.AssertNothingLeft(b.Id, b);
    }

    [RootFact]
    public async Task Exec_TtyWithConsoleSocket_GetsATerminal()
    {
        var b = h.Bundle(["sleep", "100"]);
        Assert.Equal(0, h.Runtime("run", "--detach", "--bundle", b.Dir, b.Id).ExitCode);
        using var console = new ConsoleSocket(sockets.Combine("exec.sock"));
        var receive = console.ReceiveMasterAsync();
        var exec = Task.Run(() => h.Runtime("exec", "-t", "--console-socket", console.Path, b.Id, "sh", "-c", "tty; echo exec-hello; exit 6"));
        using var master = await receive;
        var output = await master.ReadToEndAsync();
        var r = await exec;
        Assert.True(r.ExitCode == 6, r.Describe());
        Assert.Matches(@"/dev/pts/\d+", output);
        Assert.Contains("exec-hello", output);
        Assert.Equal("running", h.Status(b.Id));
    }

    [RootFact]
    public void Exec_TtyWithoutConsoleSocket_ProxiesOutput()
    {
        var b = h.Bundle(["sleep", "100"]);
        Assert.Equal(0, h.Runtime("run", "--detach", "--bundle", b.Dir, b.Id).ExitCode);
        var r = h.Runtime("exec", "-t", b.Id, "sh", "-c", "tty; echo exec-hello; exit 3");
        Assert.True(r.ExitCode == 3, r.Describe());
        Assert.Matches(@"/dev/pts/\d+", r.Stdout);
        Assert.Contains("exec-hello", r.Stdout);
    }

    /// <summary>A listening unix socket that receives one pty master with SCM_RIGHTS, as containerd's shim does.</summary>
    sealed class ConsoleSocket(string path) : IDisposable
    {
        readonly Socket listener = Listen(path);

        public string Path => path;

        static Socket Listen(string path)
        {
            var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            s.Bind(new UnixDomainSocketEndPoint(path));
            s.Listen(1);
            return s;
        }

        public async Task<PtyMaster> ReceiveMasterAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var conn = await listener.AcceptAsync(timeout.Token);
            return new PtyMaster(UnixSockets.ReceiveFd((int)conn.Handle));
        }

        public void Dispose()
        {
            listener.Dispose();
            File.Delete(path);
        }
    }

    /// <summary>The master side of a container's terminal.</summary>
    sealed class PtyMaster(int fd) : IDisposable
    {
        readonly FileStream stream = new(new SafeFileHandle(fd, ownsHandle: true), FileAccess.ReadWrite, bufferSize: 0);

        /// <summary>Everything the container writes until the last holder of the terminal closes it (EIO).</summary>
        public Task<string> ReadToEndAsync() => Task.Run(() =>
        {
            var text = new StringBuilder();
            var buffer = new byte[4096];
            try
            {
                int n;
                while ((n = stream.Read(buffer)) > 0) text.Append(Encoding.UTF8.GetString(buffer, 0, n));
            }
            catch (IOException)
            {
                // EIO: no process holds the terminal any more.
            }
            return text.ToString();
        }).WaitAsync(TimeSpan.FromSeconds(30));

        public void Dispose() => stream.Dispose();
    }
}
