using System.Diagnostics;
using System.Text;

namespace Cais.Engine.Monitor;

/// <summary>A monitor the daemon started, as the daemon tracks it.</summary>
public sealed record LaunchedMonitor(Process Process, int Pid);

/// <summary>
/// Starts monitors (`cais monitor OPTIONS`) and waits until each has created its container (or
/// failed to). The monitor's stdout is the report pipe: one line, then EOF.
/// <para>
/// Starting the executable costs tens of milliseconds before it does anything (NativeAOT
/// start-up of a large binary), and it sits on the path of every `run`, `start` and `exec`.
/// So the launcher keeps one spare monitor started ahead (`cais monitor --spare EXEC-ROOT`)
/// that waits for the path of its options on stdin; a launch hands the path to the spare and
/// starts the next spare in the background. Without a spare (the first launch, or several at
/// once) it starts a monitor with the path as argument, as before. A spare whose daemon goes
/// away reads EOF and exits.
/// </para>
/// </summary>
public sealed class MonitorLauncher(string executable, string execRoot) : IDisposable
{
    Process? spare;
    int replenishing;
    volatile bool disposed;

    /// <summary>The waiting spare's pid, if one is ready.</summary>
    public int? SparePid => Volatile.Read(ref spare) is { HasExited: false } ready ? ready.Id : null;

    /// <summary>Starts a spare now, so the first launch finds one (the daemon calls this once it listens).</summary>
    public void Warm() => Replenish();

    public async Task<LaunchedMonitor> LaunchAsync(string optionsPath, CancellationToken cancel = default)
    {
        var process = TakeSpare(optionsPath) ?? StartFresh(optionsPath);
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
        finally
        {
            // Only now: on two cores a spare starting beside the create would slow it down.
            Replenish();
        }
        if (line == "created") return new LaunchedMonitor(process, process.Id);
        await process.WaitForExitAsync(cancel);
        var code = process.ExitCode;
        process.Dispose();
        if (line is not null && line.StartsWith("error: ", StringComparison.Ordinal)) throw new MonitorStartException(line[7..]);
        throw new MonitorStartException($"the container monitor exited with code {code} before creating the container");
    }

    /// <summary>Hands the options to the waiting spare, if there is one alive; null otherwise.</summary>
    Process? TakeSpare(string optionsPath)
    {
        var taken = Interlocked.Exchange(ref spare, null);
        if (taken is null) return null;
        try
        {
            if (taken.HasExited) throw new IOException("the spare monitor has exited");
            taken.StandardInput.Write(optionsPath + "\n");
            taken.StandardInput.Close();
            return taken;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            TryKill(taken);
            taken.Dispose();
            return null;
        }
    }

    Process StartFresh(string optionsPath)
    {
        var process = Start(["monitor", optionsPath]);
        process.StandardInput.Close(); // the monitor reads nothing from the daemon's stdin
        return process;
    }

    /// <summary>Starts the next spare in the background, unless one is waiting or being started.</summary>
    void Replenish()
    {
        if (disposed || Volatile.Read(ref spare) is not null || Interlocked.Exchange(ref replenishing, 1) == 1) return;
        _ = Task.Run(() =>
        {
            try
            {
                // Only this task sets the spare (the flag keeps it alone), so the slot is empty.
                Volatile.Write(ref spare, Start(["monitor", "--spare", execRoot]));
                // Disposed meanwhile: let it go.
                if (disposed && Interlocked.Exchange(ref spare, null) is { } late) Release(late);
            }
            catch (Exception e)
            {
                // No spare: launches start monitors directly, only slower.
                Console.Error.WriteLine($"cais daemon: could not start a spare monitor: {e.Message}");
            }
            finally
            {
                Volatile.Write(ref replenishing, 0);
            }
        });
    }

    Process Start(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            RedirectStandardError = false, // its warnings land in the daemon's log
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable} monitor");
    }

    /// <summary>Lets the spare go: it reads EOF and exits.</summary>
    public void Dispose()
    {
        disposed = true;
        if (Interlocked.Exchange(ref spare, null) is { } idle) Release(idle);
    }

    static void Release(Process idle)
    {
        try { idle.StandardInput.Close(); }
        catch (IOException) { }
        idle.Dispose();
    }

    static void TryKill(Process p)
    {
        try { p.Kill(); }
        catch (InvalidOperationException) { }
    }
}

/// <summary>The container could not be created or started; the message is the runtime's.</summary>
public sealed class MonitorStartException(string message) : Exception(message);
