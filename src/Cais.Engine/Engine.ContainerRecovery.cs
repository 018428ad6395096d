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
            Recover(c);
        }
        RemoveLeftovers(known);
    }

    void Recover(Container c)
    {
        var r = c.Record;
        if (r.State.Status == "removing")
        {
            r.State.Status = "exited"; // a remove died midway: the user can remove it again
            Save(c);
        }
        if (!r.State.Running)
        {
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

    void RemoveLeftovers(HashSet<string> known)
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
                if (!known.Contains(Path.GetFileName(dir))) TryDeleteRuntimeState(Path.GetFileName(dir));
        RemoveExportLeftovers();
    }
}
