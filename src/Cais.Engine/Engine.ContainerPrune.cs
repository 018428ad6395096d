using Cais.Engine.Containers;
using Cais.Engine.Errors;

namespace Cais.Engine;

// POST /containers/prune: every container that does not run (created, exited, dead) and that the
// caller's filters select is removed; one that cannot be is left, as Docker leaves it.
public sealed partial class Engine
{
    public sealed record PruneResult(List<string> Deleted, ulong SpaceReclaimed);

    public async Task<PruneResult> PruneContainers(Func<ContainerRecord, bool> selected, CancellationToken cancel = default)
    {
        var deleted = new List<string>();
        ulong reclaimed = 0;
        foreach (var c in Containers())
        {
            cancel.ThrowIfCancellationRequested();
            if (c.Record.State.Running || c.Record.State.Status == "removing" || !selected(c.Record)) continue;
            var size = ContainerSizes(c).SizeRw;
            try
            {
                await RemoveContainer(c.Id, force: false, removeVolumes: false, cancel);
            }
            catch (Exception e) when (e is ConflictException or NotFoundException or IOException)
            {
                Console.Error.WriteLine($"cais daemon: prune: leaving {c.Record.Name}: {e.Message}");
                continue;
            }
            deleted.Add(c.Id);
            if (size > 0) reclaimed += (ulong)size;
        }
        Events.Publish("container", "prune", "", new Dictionary<string, string> { ["reclaimed"] = reclaimed.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return new PruneResult(deleted, reclaimed);
    }
}
