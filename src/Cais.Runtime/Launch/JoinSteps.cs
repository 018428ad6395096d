using Cais.Linux;
using Cais.Linux.ForkChild;

namespace Cais.Runtime.Launch;

/// <summary>Joining existing namespaces: paths from config.json, or those of a running container's init.</summary>
internal static class JoinSteps
{
    /// <summary>Opens the namespace files config.json names; the program owns the fds.</summary>
    public static List<(NamespaceKind Kind, int Fd)> OpenPaths(ChildProgram p, NamespacePlan ns)
    {
        var list = new List<(NamespaceKind, int)>();
        foreach (var kind in NamespaceKind.JoinOrder)
            if (ns.JoinPath(kind) is { } path)
                list.Add((kind, p.Own(Fds.Open(path, Flags.O_RDONLY))));
        return list;
    }

    /// <summary>
    /// Opens the namespaces of a running container's init that differ from the runtime's own
    /// (joining one's own namespace is harmless but setns on a user namespace one is already in fails).
    /// </summary>
    public static List<(NamespaceKind Kind, int Fd)> OpenOfProcess(ChildProgram p, int pid, IEnumerable<string> specNames)
    {
        var list = new List<(NamespaceKind, int)>();
        var wanted = specNames.ToHashSet();
        int self = Processes.CurrentPid;
        foreach (var kind in NamespaceKind.JoinOrder)
        {
            if (!wanted.Contains(kind.SpecName)) continue;
            var theirs = ProcFs.NamespaceId(pid, kind.ProcName);
            if (theirs is null) throw new InvalidOperationException($"cannot read the {kind.SpecName} namespace of pid {pid}");
            if (theirs == ProcFs.NamespaceId(self, kind.ProcName)) continue;
            list.Add((kind, p.Own(Fds.Open($"/proc/{pid}/ns/{kind.ProcName}", Flags.O_RDONLY))));
        }
        return list;
    }

    /// <summary>setns into each, user namespace first: it grants the rights needed to join the rest.</summary>
    public static void AddJoins(ChildProgram p, List<(NamespaceKind Kind, int Fd)> fds)
    {
        foreach (var (kind, fd) in fds.OrderBy(f => NamespaceKindOrder(f.Kind)))
            p.SetNs(fd, kind.Flag, $"{kind.SpecName} namespace");
    }

    static int NamespaceKindOrder(NamespaceKind k)
    {
        for (int i = 0; i < NamespaceKind.JoinOrder.Count; i++)
            if (NamespaceKind.JoinOrder[i] == k) return i;
        return int.MaxValue;
    }
}
