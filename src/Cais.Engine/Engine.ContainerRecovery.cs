using Cais.Engine.Containers;
using Cais.Engine.Monitor;
using Cais.Linux;

namespace Cais.Engine;

// Start-up: the containers of the database come back; those whose monitor still runs are
// followed again (they kept running while the daemon was down); whatever a crash left half made
// (a snapshot, a directory, runtime state with no record) is removed.
public sealed partial class Engine
{
    void LoadContainers()
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        var liveMonitors = LiveMonitors();
        foreach (var (id, document) in Images.Metadata.ContainerDocuments())
        {
            ContainerRecord record;
            try { record = ContainerRecord.FromJson(document); }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
            {
                Console.Error.WriteLine($"cais daemon: container {id}: unreadable record, skipped: {e.Message}");
                continue;
            }
            known.Add(id);
            var c = new Container(record);
            Register(c);
            Recover(c, liveMonitors);
        }
        RemoveLeftovers(known, liveMonitors);
    }

    void Recover(Container c, Dictionary<string, int> liveMonitors)
    {
        var r = c.Record;
        if (r.State.Status == "removing")
        {
            r.State.Status = "exited"; // a remove died midway: the user can remove it again
            Save(c);
        }
        if (!r.State.Running)
        {
            // A start the crash cut short may have left a monitor waiting for the daemon's Start,
            // and the runtime's half-created container under it.
            KillStrayMonitor(c.Id, liveMonitors);
            TryDeleteRuntimeState(c.Id);
            UnmountRoot(c.Id);
            return;
        }
        var socket = MonitorSocketOf(c.Id);
        if (r.MonitorPid > 0 && ProcFs.IsAlive(r.MonitorPid, r.MonitorStartTime) && File.Exists(socket))
        {
            ReconcilePaused(c);
            c.Pump = Task.Run(async () =>
            {
                MonitorConnection connection;
                try { connection = await MonitorConnection.ConnectAsync(socket); }
                catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException)
                {
                    await WaitGone(r.MonitorPid, r.MonitorStartTime);
                    await OnExit(c, ExitRecord.TryLoad(Path.Combine(ExecDir(c.Id), "exit.json"))
                        ?? new ExitRecord { ExitCode = 255, FinishedAt = DateTime.UtcNow, Error = "the container's monitor died" });
                    return;
                }
                c.Connection = connection;
                StartHealthChecks(c); // probes start over after a daemon restart, as Docker's do
                await Follow(c, connection, monitor: null);
            });
            return;
        }
        // The monitor is gone: it wrote the exit before it ended, or it died with the machine.
        var exit = ExitRecord.TryLoad(Path.Combine(ExecDir(c.Id), "exit.json"))
                   ?? new ExitRecord { ExitCode = 255, FinishedAt = DateTime.UtcNow, Error = "the container's monitor was not running when the daemon started" };
        TryDeleteRuntimeState(c.Id);
        c.Pump = Task.Run(() => OnExit(c, exit));
    }

    /// <summary>
    /// The container monitors alive now, by container id, found by their command line
    /// `cais monitor EXEC/containers/ID/monitor.json` (one /proc scan for the whole recovery) or,
    /// for a spare that was handed its options, by the monitor.pid it wrote beside them. A
    /// monitor that never got its Start has no record of its pid, so this is how it is found.
    /// </summary>
    Dictionary<string, int> LiveMonitors()
    {
        var prefix = "\0monitor\0" + Path.Combine(Options.ExecRoot, "containers") + "/";
        const string suffix = "/monitor.json\0";
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            if (CommandLineOf(pid) is not { } cmdline) continue;
            int at = cmdline.IndexOf(prefix, StringComparison.Ordinal);
            if (at < 0 || !cmdline.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var id = cmdline[(at + prefix.Length)..^suffix.Length];
            if (!id.Contains('/')) found[id] = pid; // exec monitors live one level deeper
        }
        // A spare monitor's command line names no container: it left its pid beside its options.
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(Options.ExecRoot, "containers")))
        {
            var id = Path.GetFileName(dir);
            if (found.ContainsKey(id)) continue;
            string text;
            try { text = File.ReadAllText(Path.Combine(dir, ContainerMonitor.PidFileName)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) || pid <= 0) continue;
            // The pid may have been reused since: only a monitor of this exec root counts.
            if (CommandLineOf(pid) is { } cmdline && cmdline.Contains("\0monitor\0--spare\0" + Options.ExecRoot + "\0", StringComparison.Ordinal)) found[id] = pid;
        }
        return found;
    }

    /// <summary>A process's NUL-separated command line; null once it is gone (or hidden).</summary>
    static string? CommandLineOf(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>Kills the monitor of a container that is not running, if one is left.</summary>
    static void KillStrayMonitor(string id, Dictionary<string, int> liveMonitors)
    {
        if (!liveMonitors.TryGetValue(id, out var pid)) return;
        Console.Error.WriteLine($"cais daemon: killing the stray monitor {pid} of {id[..Math.Min(12, id.Length)]}");
        Processes.Signal(pid, Signals.SIGKILL);
    }

    void RemoveLeftovers(HashSet<string> known, Dictionary<string, int> liveMonitors)
    {
        foreach (var key in Images.Snapshots.Containers())
        {
            if (known.Contains(key)) continue;
            UnmountRoot(key);
            TryQuietly(() => Images.Snapshots.Remove(key));
        }
        foreach (var root in new[] { ContainersRoot, Path.Combine(Options.ExecRoot, "containers") })
            foreach (var dir in Directory.EnumerateDirectories(root))
                if (!known.Contains(Path.GetFileName(dir))) TryQuietly(() => Directory.Delete(dir, recursive: true));
        if (Directory.Exists(RuntimeRoot))
            foreach (var dir in Directory.EnumerateDirectories(RuntimeRoot))
                if (!known.Contains(Path.GetFileName(dir)))
                {
                    KillStrayMonitor(Path.GetFileName(dir), liveMonitors);
                    TryDeleteRuntimeState(Path.GetFileName(dir));
                }
        RemoveExportLeftovers();
    }
}
