using System.Diagnostics;
using System.Net.Sockets;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Cli;

/// <summary>
/// A real `cais daemon` process (the published binary) on temporary directories, with busybox
/// bootstrapped, for end-to-end tests of the `cais` CLI and of other clients. Shared by the
/// tests of one class (xunit's IClassFixture); each test names its containers uniquely.
/// </summary>
public sealed class CaisDaemonFixture : IDisposable
{
    readonly TempDir dir;
    Process? daemon;

    public CaisDaemonFixture() : this(new TempDir("cais-cli-e2e-"), bootstrapBusybox: true)
    {
    }

    CaisDaemonFixture(TempDir dir, bool bootstrapBusybox)
    {
        this.dir = dir;
        if (!HostRequirements.IsRoot) return;
        if (bootstrapBusybox)
        {
            // No daemon yet: with a data root and no daemon address, bootstrap fills that store itself.
            var bootstrap = ProcessRunner.Run(CaisBinary.Path, ["--data-root", DataRoot, "image", "bootstrap", "busybox"], stdin: null, TimeSpan.FromMinutes(2), ClientEnvironment);
            if (bootstrap.ExitCode != 0) throw new InvalidOperationException($"bootstrapping busybox failed\n{bootstrap.Describe()}");
        }
        StartDaemon();
    }

    /// <summary>A daemon on an empty data root in a new directory under <paramref name="parent"/>, no image in it.</summary>
    public static CaisDaemonFixture Empty(string parent) => new(TempDir.Under(parent, "daemon-"), bootstrapBusybox: false);

    /// <summary>Starts the daemon (again, after <see cref="KillDaemon"/>) on the same directories.</summary>
    public void StartDaemon()
    {
        var start = new ProcessStartInfo(CaisBinary.Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "daemon", "--root", DataRoot, "--exec-root", ExecRoot, "-H", Host }) start.ArgumentList.Add(a);
        var started = Process.Start(start)!;
        started.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        started.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        daemon = started;
        WaitForSocket();
    }

    /// <summary>SIGKILLs the daemon (our own child, by PID), as a crash would end it; its containers' monitors go on.</summary>
    public void KillDaemon()
    {
        if (daemon is null) return;
        if (!daemon.HasExited)
        {
            daemon.Kill();
            daemon.WaitForExit();
        }
        daemon.Dispose();
        daemon = null;
    }

    readonly System.Text.StringBuilder log = new();

    public string DataRoot => dir.Combine("data");

    public string ExecRoot => dir.Combine("exec");

    public string SocketPath => dir.Combine("cais.sock");

    /// <summary>The daemon address for -H, CAIS_HOST or DOCKER_HOST.</summary>
    public string Host => "unix://" + SocketPath;

    /// <summary>What the daemon wrote so far, for failure messages.</summary>
    public string DaemonLog { get { lock (log) return log.ToString(); } }

    /// <summary>Runs `cais -H HOST ARGS...` and returns what it did.</summary>
    public ProcessResult Cais(params string[] args) => Cais(args, stdin: null);

    public ProcessResult Cais(IReadOnlyList<string> args, string? stdin, TimeSpan? timeout = null) =>
        ProcessRunner.Run(CaisBinary.Path, ["-H", Host, .. args], stdin, timeout ?? TimeSpan.FromSeconds(60), ClientEnvironment);

    /// <summary>The environment of the cais client: the -H given is the only daemon address, and none is started on demand.</summary>
    public static IReadOnlyDictionary<string, string?> ClientEnvironment { get; } =
        new Dictionary<string, string?> { ["DOCKER_HOST"] = null, ["CAIS_HOST"] = null, ["CAIS_NO_AUTOSTART"] = "1" };

    /// <summary>Runs `cais -H HOST ARGS...` and fails the test unless it exits 0.</summary>
    public ProcessResult Succeed(params string[] args)
    {
        var result = Cais(args);
        Assert.True(result.ExitCode == 0, $"`cais {string.Join(' ', args)}` exited {result.ExitCode}\n{result.Describe()}");
        return result;
    }

    void WaitForSocket()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (daemon!.HasExited) throw new InvalidOperationException($"cais daemon exited with {daemon.ExitCode}\n{DaemonLog}");
            try
            {
                using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                s.Connect(new UnixDomainSocketEndPoint(SocketPath));
                return;
            }
            catch (SocketException) { Thread.Sleep(20); }
        }
        throw new TimeoutException($"cais daemon did not listen on {SocketPath}\n{DaemonLog}");
    }

    /// <summary>An HTTP client for the daemon's API (base address http://cais).</summary>
    public HttpClient Api() => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancel) =>
        {
            var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await s.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancel);
            return new NetworkStream(s, ownsSocket: true);
        },
    }) { BaseAddress = new Uri("http://cais"), Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Removes every container through the API: their monitors outlive the daemon by design.</summary>
    void RemoveAllContainers()
    {
        try
        {
            using var api = Api();
            var list = System.Text.Json.JsonDocument.Parse(api.GetStringAsync("/containers/json?all=1").GetAwaiter().GetResult());
            foreach (var c in list.RootElement.EnumerateArray())
                api.DeleteAsync($"/containers/{c.GetProperty("Id").GetString()}?force=1").GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or IOException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"CaisDaemonFixture: removing containers: {e.Message}");
        }
    }

    public void Dispose()
    {
        if (daemon is not null)
        {
            RemoveAllContainers();
            KillDaemon();
        }
        dir.Dispose();
    }
}
