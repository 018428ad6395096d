using Cais.Linux;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Launch;

/// <summary>One namespace kind: its config.json name, /proc/PID/ns name and clone flag.</summary>
public sealed record NamespaceKind(string SpecName, string ProcName, CloneFlags Flag)
{
    public static readonly NamespaceKind User = new("user", "user", CloneFlags.CLONE_NEWUSER);
    public static readonly NamespaceKind Ipc = new("ipc", "ipc", CloneFlags.CLONE_NEWIPC);
    public static readonly NamespaceKind Uts = new("uts", "uts", CloneFlags.CLONE_NEWUTS);
    public static readonly NamespaceKind Network = new("network", "net", CloneFlags.CLONE_NEWNET);
    public static readonly NamespaceKind Pid = new("pid", "pid", CloneFlags.CLONE_NEWPID);
    public static readonly NamespaceKind Mount = new("mount", "mnt", CloneFlags.CLONE_NEWNS);
    public static readonly NamespaceKind Cgroup = new("cgroup", "cgroup", CloneFlags.CLONE_NEWCGROUP);

    /// <summary>The order namespaces are joined in: user first (it grants the rights to join the rest), mount last but one.</summary>
    public static readonly IReadOnlyList<NamespaceKind> JoinOrder = [User, Ipc, Uts, Network, Pid, Mount, Cgroup];

    public static NamespaceKind? BySpecName(string name) => JoinOrder.FirstOrDefault(k => k.SpecName == name);
}

/// <summary>Which namespaces a container creates, which it joins by path, and which it shares with the runtime.</summary>
public sealed class NamespacePlan
{
    readonly Dictionary<NamespaceKind, string?> entries = [];

    public bool Creates(NamespaceKind kind) => entries.TryGetValue(kind, out var path) && path is null;

    public string? JoinPath(NamespaceKind kind) => entries.TryGetValue(kind, out var path) ? path : null;

    public bool Has(NamespaceKind kind) => entries.ContainsKey(kind);

    /// <summary>CLONE_NEW* flags of the namespaces to create, optionally without some.</summary>
    public CloneFlags NewFlags(CloneFlags except = CloneFlags.None)
    {
        var flags = CloneFlags.None;
        foreach (var (kind, path) in entries)
            if (path is null) flags |= kind.Flag;
        return flags & ~except;
    }

    /// <summary>Spec names of the namespaces the container has (created or joined), for exec to join later.</summary>
    public List<string> Names() => [.. entries.Keys.Select(k => k.SpecName)];

    public static NamespacePlan From(RuntimeSpec spec)
    {
        var plan = new NamespacePlan();
        foreach (var ns in spec.Linux?.Namespaces ?? [])
        {
            if (ns.Type == "time")
                throw new InvalidSpecException("linux.namespaces: the time namespace is not supported");
            var kind = NamespaceKind.BySpecName(ns.Type)
                ?? throw new InvalidSpecException($"linux.namespaces: unknown namespace type \"{ns.Type}\"");
            if (plan.entries.ContainsKey(kind))
                throw new InvalidSpecException($"linux.namespaces: namespace \"{ns.Type}\" is listed twice");
            var path = string.IsNullOrEmpty(ns.Path) ? null : ns.Path;
            if (path is not null && !File.Exists(path))
                throw new InvalidSpecException($"linux.namespaces: {ns.Type} namespace path {path} does not exist");
            plan.entries[kind] = path;
        }
        return plan;
    }
}
