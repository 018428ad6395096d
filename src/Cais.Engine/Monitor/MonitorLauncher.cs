using System.Diagnostics;

namespace Cais.Engine.Monitor;

/// <summary>A monitor the daemon started, as the daemon tracks it.</summary>
public sealed record LaunchedMonitor(Process Process, int Pid);

/// <summary>
/// Starts `cais monitor OPTIONS` and waits until it has created the container (or failed to).
/// The monitor's stdout is the report pipe: one line, then EOF.
/// </summary>
public static class MonitorLauncher
{
    public static async Task<LaunchedMonitor> LaunchAsync(string executable, string optionsPath, CancellationToken cancel = default)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true, // closed at once: the monitor reads nothing from the daemon's stdin
            RedirectStandardError = false, // its warnings land in the daemon's log
            UseShellExecute = false,
        };
        start.ArgumentList.Add("monitor");
        start.ArgumentList.Add(optionsPath);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable} monitor");
        process.StandardInput.Close();
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(cancel);
        }
        catch
        {
            TryKill(process);
            throw;
        }
        if (line == "created") return new LaunchedMonitor(process, process.Id);
        await process.WaitForExitAsync(cancel);
        var code = process.ExitCode;
        process.Dispose();
        if (line is not null && line.StartsWith("error: ", StringComparison.Ordinal)) throw new MonitorStartException(line[7..]);
        throw new MonitorStartException($"the container monitor exited with code {code} before creating the container");
    }

    static void TryKill(Process p)
    {
        try { p.Kill(); }
        catch (InvalidOperationException) { }
    }
}

/// <summary>The container could not be created or started; the message is the runtime's.</summary>
public sealed class MonitorStartException(string message) : Exception(message);
