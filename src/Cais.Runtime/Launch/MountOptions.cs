using Cais.Linux;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Launch;

/// <summary>
/// A mount's "options" list, sorted into what each part of the fd-based mount API takes:
/// mount attributes (fsmount / mount_setattr), propagation, bind-ness, and the rest as
/// filesystem parameters for fsconfig ("mode=755" → key/value, "newinstance" → flag).
/// </summary>
public sealed class MountOptions
{
    public bool Bind { get; private set; }
    public bool Recursive { get; private set; }
    public MountAttr Set { get; private set; }
    public MountAttr Clear { get; private set; }
    public MountFlags Propagation { get; private set; }
    public bool PropagationRecursive { get; private set; }
    public bool ReadOnly => (Set & MountAttr.MOUNT_ATTR_RDONLY) != 0;
    public List<KeyValuePair<string, string?>> Data { get; } = [];

    static readonly Dictionary<string, (MountAttr Attr, bool Clear)> Attributes = new()
    {
        ["ro"] = (MountAttr.MOUNT_ATTR_RDONLY, false), ["rw"] = (MountAttr.MOUNT_ATTR_RDONLY, true),
        ["nosuid"] = (MountAttr.MOUNT_ATTR_NOSUID, false), ["suid"] = (MountAttr.MOUNT_ATTR_NOSUID, true),
        ["nodev"] = (MountAttr.MOUNT_ATTR_NODEV, false), ["dev"] = (MountAttr.MOUNT_ATTR_NODEV, true),
        ["noexec"] = (MountAttr.MOUNT_ATTR_NOEXEC, false), ["exec"] = (MountAttr.MOUNT_ATTR_NOEXEC, true),
        ["nodiratime"] = (MountAttr.MOUNT_ATTR_NODIRATIME, false), ["diratime"] = (MountAttr.MOUNT_ATTR_NODIRATIME, true),
        ["nosymfollow"] = (MountAttr.MOUNT_ATTR_NOSYMFOLLOW, false), ["symfollow"] = (MountAttr.MOUNT_ATTR_NOSYMFOLLOW, true),
    };

    static readonly Dictionary<string, MountAttr> AccessTimes = new()
    {
        ["relatime"] = MountAttr.MOUNT_ATTR_RELATIME, ["noatime"] = MountAttr.MOUNT_ATTR_NOATIME,
        ["strictatime"] = MountAttr.MOUNT_ATTR_STRICTATIME,
    };

    static readonly Dictionary<string, (MountFlags Flag, bool Recursive)> Propagations = new()
    {
        ["private"] = (MountFlags.MS_PRIVATE, false), ["rprivate"] = (MountFlags.MS_PRIVATE, true),
        ["shared"] = (MountFlags.MS_SHARED, false), ["rshared"] = (MountFlags.MS_SHARED, true),
        ["slave"] = (MountFlags.MS_SLAVE, false), ["rslave"] = (MountFlags.MS_SLAVE, true),
        ["unbindable"] = (MountFlags.MS_UNBINDABLE, false), ["runbindable"] = (MountFlags.MS_UNBINDABLE, true),
    };

    // Accepted and meaningless for the fd-based API (or the default).
    static readonly HashSet<string> Ignored = ["defaults", "async", "loud", "norelatime", "noiversion", "nolazytime", "remount"];

    /// <summary>Parses a mount's options; <paramref name="destination"/> names the mount in errors.</summary>
    public static MountOptions Parse(IReadOnlyList<string>? options, string destination)
    {
        var o = new MountOptions();
        foreach (var raw in options ?? [])
        {
            var opt = raw.Trim();
            if (opt.Length == 0 || Ignored.Contains(opt)) continue;
            if (opt is "bind") { o.Bind = true; continue; }
            if (opt is "rbind") { o.Bind = true; o.Recursive = true; continue; }
            if (Attributes.TryGetValue(opt, out var a)) { o.Apply(a.Attr, a.Clear); continue; }
            if (opt.Length > 1 && opt[0] == 'r' && Attributes.TryGetValue(opt[1..], out var ra))
            {
                // runc's recursive attributes ("rro", "rnosuid"). cais applies every attribute of a
                // recursive bind to all its submounts (as Docker 25+ does for read-only binds).
                o.Apply(ra.Attr, ra.Clear);
                continue;
            }
            if (AccessTimes.TryGetValue(opt, out var at))
            {
                o.Clear |= MountAttr.MOUNT_ATTR__ATIME;
                o.Set = (o.Set & ~MountAttr.MOUNT_ATTR__ATIME) | at;
                continue;
            }
            if (opt is "atime") { o.Clear |= MountAttr.MOUNT_ATTR__ATIME; o.Set &= ~MountAttr.MOUNT_ATTR__ATIME; continue; }
            if (Propagations.TryGetValue(opt, out var p)) { o.Propagation = p.Flag; o.PropagationRecursive = p.Recursive; continue; }
            if (opt is "idmap" or "ridmap")
                throw new InvalidSpecException($"mount {destination}: idmapped mounts are not supported");
            if (opt is "tmpcopyup")
                throw new InvalidSpecException($"mount {destination}: the tmpcopyup option is not supported");
            int eq = opt.IndexOf('=');
            o.Data.Add(eq < 0 ? new(opt, null) : new(opt[..eq], opt[(eq + 1)..]));
        }
        return o;
    }

    void Apply(MountAttr attr, bool clear)
    {
        if (clear) { Set &= ~attr; Clear |= attr; }
        else { Set |= attr; Clear &= ~attr; }
    }

    /// <summary>The MS_* propagation flag for a rootfsPropagation value ("rslave" etc.); throws on an unknown one.</summary>
    public static (MountFlags Flag, bool Recursive) ParsePropagation(string value) =>
        Propagations.TryGetValue(value, out var p) ? p
            : throw new InvalidSpecException($"linux.rootfsPropagation: unknown propagation \"{value}\"");
}
