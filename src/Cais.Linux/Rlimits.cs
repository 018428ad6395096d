namespace Cais.Linux;

/// <summary>RLIMIT_* resources by name, as config.json spells them.</summary>
public static class Rlimits
{
    static readonly string[] Names =
    [
        "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS",
        "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS",
        "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
    ];

    public const ulong Infinity = ulong.MaxValue;

    /// <summary>The resource number of "RLIMIT_NOFILE"; -1 if unknown.</summary>
    public static int Number(string name) => Array.IndexOf(Names, name.Trim().ToUpperInvariant());

    public static string Name(int resource) => resource >= 0 && resource < Names.Length ? Names[resource] : $"rlimit {resource}";

    /// <summary>Sets a limit of another process (prlimit); raising a hard limit needs CAP_SYS_RESOURCE.</summary>
    public static unsafe void Set(int pid, int resource, ulong soft, ulong hard)
    {
        ulong* lim = stackalloc ulong[2];
        lim[0] = soft;
        lim[1] = hard;
        Interop.Check.Io(Interop.Libc.prlimit(pid, resource, lim, null), "prlimit", $"{Name(resource)} of pid {pid}");
    }

    /// <summary>This process's current (soft, hard) limit of a resource.</summary>
    public static unsafe (ulong Soft, ulong Hard) Get(int resource)
    {
        ulong* lim = stackalloc ulong[2];
        Interop.Check.Io(Interop.Libc.prlimit(0, resource, null, lim), "prlimit", Name(resource));
        return (lim[0], lim[1]);
    }
}
