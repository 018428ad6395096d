using System.Diagnostics;
using System.Text;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Cli.Lifecycle;

/// <summary>
/// A `cais` command running in a pseudo-terminal (util-linux `script`), driven like a user at a
/// keyboard: wait until the screen shows something (a shell prompt), then type. Keys typed
/// before the client has its terminal in raw mode would be cooked by the line discipline, as
/// they would be for a real user typing ahead.
/// </summary>
internal sealed class TerminalSession : IDisposable
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    readonly Process script;
    readonly StringBuilder screen = new();
    readonly Task reader;

    public TerminalSession(CaisDaemonFixture daemon, string caisArguments, int rows = 33, int columns = 101)
    {
        var command = $"stty rows {rows} cols {columns}; {CaisBinary.Path} -H {daemon.Host} {caisArguments}; echo \"exit=$?\"";
        var info = new ProcessStartInfo("script") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-qec", command, "/dev/null" }) info.ArgumentList.Add(a);
        info.Environment["CAIS_NO_AUTOSTART"] = "1";
        info.Environment.Remove("DOCKER_HOST");
        info.Environment.Remove("CAIS_HOST");
        script = Process.Start(info)!;
        reader = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int n;
            while ((n = await script.StandardOutput.ReadAsync(buffer)) > 0)
                lock (screen) screen.Append(buffer, 0, n);
        });
    }

    /// <summary>Everything shown so far.</summary>
    public string Screen { get { lock (screen) return screen.ToString(); } }

    /// <summary>Waits until the screen shows <paramref name="text"/> (after what was already seen, when <paramref name="after"/> is given).</summary>
    public void WaitFor(string text, int after = 0)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (Screen.IndexOf(text, after, StringComparison.Ordinal) < 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the terminal never showed {text:Q}; it shows:\n{Screen}");
            Thread.Sleep(20);
        }
    }

    public void Type(string keys)
    {
        script.StandardInput.Write(keys);
        script.StandardInput.Flush();
    }

    /// <summary>Waits for the command to end and returns the exit status it printed.</summary>
    public int WaitForExitStatus()
    {
        WaitFor("exit=");
        if (!script.WaitForExit(Patience)) throw new TimeoutException($"script did not end; the terminal shows:\n{Screen}");
        reader.Wait(Patience);
        var text = Screen;
        var start = text.LastIndexOf("exit=", StringComparison.Ordinal) + 5;
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        return int.Parse(text[start..end], System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        if (!script.HasExited)
        {
            script.Kill(entireProcessTree: true);
            script.WaitForExit();
        }
        script.Dispose();
    }
}
