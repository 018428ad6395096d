using Cais.Engine.Containers;
using Cais.Engine.Errors;

namespace Cais.Engine;

// The container registry: every container the daemon knows, found by id, id prefix or name.
public sealed partial class Engine
{
    readonly Lock containersLock = new();
    readonly Dictionary<string, Container> containers = [];
    readonly Cais.Runtime.OciRuntime runtime;

    string ContainersRoot => Path.Combine(Options.DataRoot, "containers");

    /// <summary>The OCI runtime's state root, under the exec root (runtime state dies with a reboot).</summary>
    public string RuntimeRoot => Path.Combine(Options.ExecRoot, "runtime");

    /// <summary>DATA/containers/ID: hostname, hosts, resolv.conf, the log.</summary>
    public string ContainerDir(string id) => Path.Combine(ContainersRoot, id);

    /// <summary>EXEC/containers/ID: the bundle's config.json, the monitor's options, socket and exit record.</summary>
    public string ExecDir(string id) => Path.Combine(Options.ExecRoot, "containers", id);

    /// <summary>
    /// EXEC/s/ID24.sock: the monitor's socket. A unix socket path holds at most 107 bytes, so it
    /// lives in a short directory under a prefix of the id (24 hex digits: no collision in practice).
    /// </summary>
    public string MonitorSocketOf(string id) => Path.Combine(Options.ExecRoot, "s", id[..24] + ".sock");

    public string LogPathOf(string id) => Path.Combine(ContainerDir(id), id + "-json.log");

    /// <summary>Finds a container by full id, name ("x" or "/x") or unique id prefix, as Docker does.</summary>
    public Container Get(string idOrName)
    {
        lock (containersLock)
        {
            if (containers.TryGetValue(idOrName, out var byId)) return byId;
            var name = idOrName.StartsWith('/') ? idOrName : "/" + idOrName;
            foreach (var c in containers.Values)
                if (c.Record.Name == name) return c;
            if (idOrName.Length > 0 && idOrName.All(Uri.IsHexDigit))
            {
                var matches = containers.Values.Where(c => c.Id.StartsWith(idOrName, StringComparison.Ordinal)).ToList();
                if (matches.Count == 1) return matches[0];
                if (matches.Count > 1) throw new InvalidParameterException($"multiple IDs found with provided prefix: {idOrName}");
            }
        }
        throw new NotFoundException($"No such container: {idOrName}");
    }

    /// <summary>Every container, newest first.</summary>
    public List<Container> Containers()
    {
        lock (containersLock) return [.. containers.Values.OrderByDescending(c => c.Record.Created).ThenBy(c => c.Id, StringComparer.Ordinal)];
    }

    bool NameTaken(string name)
    {
        lock (containersLock) return containers.Values.Any(c => c.Record.Name == name);
    }

    void Register(Container c)
    {
        lock (containersLock) containers[c.Id] = c;
    }

    void Unregister(Container c)
    {
        lock (containersLock) containers.Remove(c.Id);
    }

    /// <summary>Writes the container's record in one transaction.</summary>
    void Save(Container c) =>
        Images.Metadata.Write(tx =>
        {
            tx.PutContainer(c.Id, c.Record.Name, c.Record.ImageId, c.Record.ToJson());
            return 0;
        });

    public sealed record ContainerCounts(int Running, int Paused, int Stopped);

    public ContainerCounts CountContainers()
    {
        var all = Containers();
        int running = all.Count(c => c.Record.State.Status is "running" or "restarting");
        int paused = all.Count(c => c.Record.State.Status == "paused");
        return new ContainerCounts(running, paused, all.Count - running - paused);
    }
}
