using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Reliability;

/// <summary>
/// A `cais daemon` process on roots the test owns, which the test may SIGKILL and start again
/// on the same roots, as a crash and a restart would.
/// </summary>
public sealed class DaemonProcess : IDisposable
{
    readonly TempDir dir = new("cais-reliability-");
    Process? daemon;

    public DaemonProcess()
    {
        var bootstrap = CaisBinary.Run(["--data-root", DataRoot, "image", "bootstrap", "busybox"], stdin: null, TimeSpan.FromMinutes(2));
        if (bootstrap.ExitCode != 0) throw new InvalidOperationException($"bootstrapping busybox failed\n{bootstrap.Describe()}");
    }

    public string DataRoot => dir.Combine("data");

    public string ExecRoot => dir.Combine("exec");

    public string SocketPath => dir.Combine("cais.sock");

    /// <summary>The daemon's pid (the shell that started it became it).</summary>
    public int Pid => daemon?.Id ?? throw new InvalidOperationException("the daemon is not running");

    /// <summary>A file the daemon inherits open on fd 9 (not close-on-exec), when set.</summary>
    public string? InheritedFile { get; set; }

    /// <summary>The files and pipes <paramref name="pid"/> holds open, as /proc/PID/fd links read.</summary>
    public static List<string> OpenFiles(int pid) =>
        [.. Directory.GetFiles($"/proc/{pid}/fd").Select(fd => { try { return new FileInfo(fd).LinkTarget ?? ""; } catch (IOException) { return ""; } })];

    public void Start()
    {
        // The daemon's output goes to a file, not a pipe: its monitors inherit it and outlive it,
        // and a pipe they hold open would keep WaitForExit waiting for its end.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        // Fd 9 (InheritedFile): what a supervisor or a shell might leave open in the daemon.
        var inherited = InheritedFile is null ? "" : " 9>>\"$5\"";
        foreach (var a in new[] { "-c", "exec \"$0\" daemon --root \"$1\" --exec-root \"$2\" -H \"$3\" >>\"$4\" 2>&1" + inherited,
                     CaisBinary.Path, DataRoot, ExecRoot, "unix://" + SocketPath, dir.Combine("daemon.log"), InheritedFile ?? "" })
            start.ArgumentList.Add(a);
        daemon = Process.Start(start)!;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                s.Connect(new UnixDomainSocketEndPoint(SocketPath));
                return;
            }
            catch (SocketException) { Thread.Sleep(20); }
        }
        throw new TimeoutException("the daemon did not listen");
    }

    /// <summary>SIGKILL, as a crash: no shutdown code runs.</summary>
    public void Kill()
    {
        if (daemon is null) return;
        daemon.Kill();
        daemon.WaitForExit(TimeSpan.FromSeconds(30));
        daemon.Dispose();
        daemon = null;
    }

    public HttpClient Api() => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancel) =>
        {
            var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await s.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancel);
            return new NetworkStream(s, ownsSocket: true);
        },
    }) { BaseAddress = new Uri("http://cais"), Timeout = TimeSpan.FromSeconds(60) };

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>
    /// This daemon's monitors: `cais monitor EXEC-ROOT/...` processes, and spares (`cais monitor
    /// --spare EXEC-ROOT`) that were handed a container (their monitor.pid names them). An idle
    /// spare, waiting for a container, is not counted.
    /// </summary>
    public List<int> Monitors()
    {
        var adoptedSpares = new HashSet<int>();
        var containers = Path.Combine(ExecRoot, "containers");
        if (Directory.Exists(containers))
            foreach (var pidFile in Directory.GetFiles(containers, "monitor.pid", SearchOption.AllDirectories))
                if (int.TryParse(File.ReadAllText(pidFile), out var pid)) adoptedSpares.Add(pid);
        return ProcessesWhere((pid, cmdline) => cmdline.Contains("\0monitor\0" + ExecRoot, StringComparison.Ordinal)
            || (adoptedSpares.Contains(pid) && IsSpare(cmdline)));
    }

    /// <summary>Spare monitors of this daemon still waiting for a container.</summary>
    public List<int> IdleSpares() => [.. ProcessesWhere((_, cmdline) => IsSpare(cmdline)).Except(Monitors())];

    bool IsSpare(string cmdline) => cmdline.Contains("\0monitor\0--spare\0" + ExecRoot + "\0", StringComparison.Ordinal);

    /// <summary>The pids of the processes whose command line passes <paramref name="match"/>.</summary>
    static List<int> ProcessesWhere(Func<int, string, bool> match) =>
        [.. Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(int.Parse!)
            .Where(pid =>
            {
                try { return match(pid, File.ReadAllText($"/proc/{pid}/cmdline")); }
                catch (IOException) { return false; }
                catch (UnauthorizedAccessException) { return false; }
            })];

    /// <summary>Mount points under the test's roots.</summary>
    public List<string> Mounts() =>
        [.. File.ReadAllLines("/proc/self/mounts").Select(l => l.Split(' ')[1]).Where(m => m.StartsWith(dir.Path + "/", StringComparison.Ordinal))];

    public void Dispose()
    {
        try
        {
            if (daemon is null) Start();
            using var api = Api();
            var list = System.Text.Json.JsonDocument.Parse(api.GetStringAsync("/containers/json?all=1").GetAwaiter().GetResult());
            foreach (var c in list.RootElement.EnumerateArray())
                api.DeleteAsync($"/containers/{c.GetProperty("Id").GetString()}?force=1").GetAwaiter().GetResult();
        }
        catch (Exception e) { Console.Error.WriteLine($"DaemonProcess: cleaning up: {e.Message}"); }
        Kill();
        foreach (var m in Mounts().OrderByDescending(m => m.Length)) ProcessRunner.Run("umount", ["-l", m]);
        dir.Dispose();
    }
}
