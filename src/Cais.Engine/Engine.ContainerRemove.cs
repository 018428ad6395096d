using Cais.Engine.Containers;
using Cais.Engine.Errors;
using Cais.Linux;

namespace Cais.Engine;

// DELETE /containers/{id}: the read-write layer, the container's files and its record go.
public sealed partial class Engine
{
    public async Task RemoveContainer(string idOrName, bool force, bool removeVolumes, CancellationToken cancel = default)
    {
        var c = Get(idOrName);
        if (c.Record.State.Running)
        {
            if (!force && c.Record.State.Status == "paused")
                throw new ConflictException($"cannot remove container \"{c.Record.Name}\": container is paused and must be unpaused first");
            if (!force)
                throw new ConflictException($"cannot remove container \"{c.Record.Name}\": container is running: stop the container before removing or force remove");
            c.Record.ManuallyStopped = true;
            var exited = c.NextExit;
            if (c.Record.State.Status != "restarting")
            {
                Signal(c, Signals.SIGKILL);
                ThawIfEnding(c, Signals.SIGKILL);
                await exited.WaitAsync(cancel);
            }
        }
        await c.Gate.WaitAsync(cancel);
        try
        {
            if (c.Record.State.Status == "removing") return; // another remove (or --rm) got here first
            if (c.Record.State.Running) throw new ConflictException($"cannot remove container \"{c.Record.Name}\": it was started again");
            c.Record.State.Status = "removing";
            UnmountRoot(c.Id);
            TryDeleteRuntimeState(c.Id);
            Images.Snapshots.Remove(c.Id);
            Forget(c);
            TryQuietly(() => Directory.Delete(ContainerDir(c.Id), recursive: true));
            TryQuietly(() => { if (Directory.Exists(ExecDir(c.Id))) Directory.Delete(ExecDir(c.Id), recursive: true); });
        }
        catch (Cais.Images.Snapshots.SnapshotNotFoundException)
        {
            // The snapshot was already gone (an earlier remove died midway): finish the rest.
            Forget(c);
        }
        finally
        {
            c.Gate.Release();
        }
        Events.Container("destroy", c);
        c.SignalRemoved();
    }

    /// <summary>The record and its claim on the image go in one transaction; then the registry forgets it.</summary>
    void Forget(Container c)
    {
        Images.Metadata.Write(tx =>
        {
            tx.RemoveContainer(c.Id);
            tx.RemoveUser(c.Record.ImageId, "container:" + c.Id);
            return 0;
        });
        Unregister(c);
        ForgetExecsOf(c.Id);
    }

    void TryDeleteRuntimeState(string id)
    {
        if (!runtime.Store.Exists(id)) return;
        try { runtime.Delete(id, force: true); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"cais daemon: deleting the runtime state of {id[..12]}: {e.Message}");
        }
    }
}
