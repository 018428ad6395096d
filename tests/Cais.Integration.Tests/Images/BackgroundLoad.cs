using System.Diagnostics;
using System.Text;
using Cais.Integration.Tests.Cli;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Images;

/// <summary>
/// `cais -H SOCKET load -i ARCHIVE` running in the background, so a test can act at a chosen
/// phase of the daemon's load: kill the daemon, or start another command beside it. Disposing
/// kills this client (by its pid) if it still runs.
/// </summary>
public sealed class BackgroundLoad : IDisposable
{
    readonly ImageHarness h;
    readonly Process process;
    readonly StringBuilder output = new();
    readonly Stopwatch clock;

    public BackgroundLoad(ImageHarness harness, string archive)
    {
        h = harness;
        var info = new ProcessStartInfo(CaisBinary.Path)
        {
            UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-H", h.Daemon.Host, "load", "-i", archive })
            info.ArgumentList.Add(arg);
        foreach (var (name, value) in CaisDaemonFixture.ClientEnvironment)
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }
        process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        clock = Stopwatch.StartNew();
    }

    public long ElapsedMilliseconds => clock.ElapsedMilliseconds;

    public bool HasExited => process.HasExited;

    /// <summary>What the load printed so far, stdout and stderr together.</summary>
    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    /// <summary>
    /// Returns at <paramref name="moment"/>: "ingesting" once the layer's blob is being written
    /// under content/ingest; "unpacking" once some, not all, of the layer's files are in its
    /// overlay/staging directory; "N ms" after that long. Fails if the load has ended by then:
    /// the archive would be too small for the test to mean anything.
    /// </summary>
    public void WaitUntil(string moment)
    {
        switch (moment)
        {
            case "ingesting":
                Poll(() => h.Entries("content", "ingest").Length > 0, "a file in content/ingest");
                break;
            case "unpacking":
                Poll(() => h.Entries("overlay", "staging").Any(s => Directory.Exists(Path.Combine(s, "diff", "data"))
                    && Directory.GetFiles(Path.Combine(s, "diff", "data")).Length > 2), "files in overlay/staging/*/diff");
                break;
            default:
                Thread.Sleep(int.Parse(moment.TrimEnd('m', 's', ' ')));
                break;
        }
        if (process.HasExited)
            Assert.Fail($"`cais load` ended ({process.ExitCode}) before {moment}, after {ElapsedMilliseconds} ms: the archive is too small for this test\n{Output}");
    }

    /// <summary>Waits for the load to end by itself; returns its exit code.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        Assert.True(process.WaitForExit(timeout), $"`cais load` did not finish within {timeout.TotalSeconds} s\n{Output}");
        process.WaitForExit(); // flushes the asynchronous output readers
        return process.ExitCode;
    }

    void Poll(Func<bool> condition, string what)
    {
        var started = Stopwatch.StartNew();
        while (!condition())
        {
            if (process.HasExited) Assert.Fail($"`cais load` ended ({process.ExitCode}) before there was {what}\n{Output}");
            Assert.True(started.Elapsed < TimeSpan.FromMinutes(1), $"no {what} within a minute");
            Thread.Sleep(1);
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
            process.WaitForExit(TimeSpan.FromSeconds(30));
        }
        process.Dispose();
    }
}
