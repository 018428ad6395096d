using Cais.Linux;
using Cais.Linux.ForkChild;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Launch;

/// <summary>
/// /dev inside the container: the standard devices, linux.devices, the /dev/fd and std*
/// links, and the console. In a user namespace mknod is not allowed, so the host's device
/// nodes are bind mounted instead (as runc does).
/// </summary>
internal static class DeviceSteps
{
    static readonly DeviceSpec[] Defaults =
    [
        new() { Path = "/dev/null", Type = "c", Major = 1, Minor = 3 },
        new() { Path = "/dev/zero", Type = "c", Major = 1, Minor = 5 },
        new() { Path = "/dev/full", Type = "c", Major = 1, Minor = 7 },
        new() { Path = "/dev/random", Type = "c", Major = 1, Minor = 8 },
        new() { Path = "/dev/urandom", Type = "c", Major = 1, Minor = 9 },
        new() { Path = "/dev/tty", Type = "c", Major = 5, Minor = 0 },
    ];

    static readonly (string Link, string Target)[] Links =
    [
        ("/dev/fd", "/proc/self/fd"), ("/dev/stdin", "/proc/self/fd/0"),
        ("/dev/stdout", "/proc/self/fd/1"), ("/dev/stderr", "/proc/self/fd/2"),
    ];

    public static void Add(ChildProgram p, InitContext c, RootfsSteps.SlotSet s)
    {
        // runc's rule: /dev is populated unless config.json bind mounts something onto /dev itself.
        bool populate = !(c.Spec.Mounts ?? []).Any(m =>
            m.Destination.TrimEnd('/') == "/dev" && (m.Type == "bind" || (m.Options ?? []).Any(o => o is "bind" or "rbind")));
        var devices = new List<DeviceSpec>();
        if (populate) devices.AddRange(Defaults.Where(d => !(c.Spec.Linux?.Devices ?? []).Any(x => x.Path == d.Path)));
        devices.AddRange(c.Spec.Linux?.Devices ?? []);
        bool inUserNs = c.Namespaces.Creates(NamespaceKind.User) || c.Namespaces.JoinPath(NamespaceKind.User) is not null;
        foreach (var d in devices) AddDevice(p, s, d, inUserNs);
        if (!populate) return;
        foreach (var (link, target) in Links) p.SymlinkInRoot(s.Root, link, target);
        if (!devices.Any(d => d.Path == "/dev/ptmx")) p.SymlinkInRoot(s.Root, "/dev/ptmx", "pts/ptmx");
    }

    static void AddDevice(ChildProgram p, RootfsSteps.SlotSet s, DeviceSpec d, bool inUserNs)
    {
        if (!d.Path.StartsWith("/dev/", StringComparison.Ordinal))
            throw new InvalidSpecException($"linux.devices: {d.Path} is not under /dev");
        int type = d.Type switch
        {
            "c" or "u" => Flags.S_IFCHR,
            "b" => Flags.S_IFBLK,
            "p" => Flags.S_IFIFO,
            _ => throw new InvalidSpecException($"linux.devices: {d.Path} has an unknown type \"{d.Type}\" (c, u, b or p)"),
        };
        if (inUserNs)
        {
            if (!File.Exists(d.Path) && !Directory.Exists(d.Path))
                throw new InvalidSpecException($"linux.devices: {d.Path} must exist on the host to be bound into a user namespace");
            var opts = MountOptions.Parse(["bind"], d.Path);
            RootfsSteps.AddBindPath(p, s, d.Path, d.Path, isDirectory: false, recursive: false, opts, $"bind device {d.Path}");
            return;
        }
        var parent = Path.GetDirectoryName(d.Path)!;
        if (parent != "/dev") p.EnsureInRoot(s.Root, parent, file: false, $"create {parent}");
        int mode = type | (int)(d.FileMode ?? 0x1B6 /*0666*/) & 0xFFF;
        p.MknodInRoot(s.Root, d.Path, mode, MakeDev(d.Major, d.Minor), (int)(d.Uid ?? 0), (int)(d.Gid ?? 0));
    }

    /// <summary>glibc's makedev: the 12/20-bit split of major and minor numbers.</summary>
    public static ulong MakeDev(long major, long minor)
    {
        ulong ma = (ulong)major, mi = (ulong)minor;
        return ((ma & 0xfffff000UL) << 32) | ((ma & 0xfffUL) << 8) | ((mi & 0xffffff00UL) << 12) | (mi & 0xffUL);
    }

    /// <summary>The pty: opened from the container's devpts, its slave bound onto /dev/console and sent to the console socket.</summary>
    public static void AddConsole(ChildProgram p, InitContext c, RootfsSteps.SlotSet s)
    {
        if (!(c.Spec.Mounts ?? []).Any(m => m.Destination.TrimEnd('/') == "/dev/pts" && m.Type == "devpts"))
            throw new InvalidSpecException("process.terminal needs a devpts mount at /dev/pts");
        p.OpenInRoot(s.Root, "/dev/pts/ptmx", Flags.O_RDWR | Flags.O_NOCTTY, Flags.RESOLVE_NO_SYMLINKS, s.Master, "open /dev/pts/ptmx");
        var size = c.Spec.Process!.ConsoleSize;
        p.OpenPtyPeer(s.Master, s.Slave, (int)(size?.Height ?? 0), (int)(size?.Width ?? 0));
        p.FchownSlot(s.Slave, (int)c.Spec.Process.User.Uid, -1, "give the terminal to the container's user");
        p.EnsureInRoot(s.Root, "/dev/console", file: true, "create /dev/console");
        p.OpenInRoot(s.Root, "/dev/console", Flags.O_PATH, Flags.RESOLVE_NO_SYMLINKS, s.Target, "open /dev/console");
        p.BindMount(null, s.Slave, false, MountAttr.None, MountAttr.None, s.Target, MountFlags.None, false, "bind the terminal on /dev/console");
        p.SendFd(c.ConsoleSocketFd, s.Master, "send the terminal to the console socket");
    }
}
