namespace Cais.Cli.Daemon;

/// <summary>A command-line verb served through the daemon: `cais ps`, `cais run`, ...</summary>
public delegate int DaemonVerb(DaemonCli cli, IReadOnlyList<string> args);

/// <summary>
/// The verbs that talk to the daemon, by name. Each group of verbs registers itself in its own
/// file through one of the partial methods, so groups can grow independently.
/// </summary>
public static partial class DaemonVerbs
{
    static readonly Dictionary<string, DaemonVerb> Verbs = Build();

    public static bool TryGet(string name, out DaemonVerb verb) => Verbs.TryGetValue(name, out verb!);

    /// <summary>The verb called <paramref name="name"/>, or null.</summary>
    public static DaemonVerb? Find(string name) => Verbs.GetValueOrDefault(name);

    public static IEnumerable<string> Names => Verbs.Keys;

    static Dictionary<string, DaemonVerb> Build()
    {
        var verbs = new Dictionary<string, DaemonVerb>(StringComparer.Ordinal);
        RegisterLifecycle(verbs);
        RegisterQueries(verbs);
        RegisterImages(verbs);
        return verbs;
    }

    /// <summary>run, create, start, attach, exec, logs, wait, stop, restart, kill, rm, version, info.</summary>
    static partial void RegisterLifecycle(Dictionary<string, DaemonVerb> verbs);

    /// <summary>ps, inspect, top, rename, pause, unpause, stats, update, port, events, system, commit, export, diff.</summary>
    static partial void RegisterQueries(Dictionary<string, DaemonVerb> verbs);

    /// <summary>images, image, rmi, tag, history, save, load, import, through the daemon.</summary>
    static partial void RegisterImages(Dictionary<string, DaemonVerb> verbs);
}
