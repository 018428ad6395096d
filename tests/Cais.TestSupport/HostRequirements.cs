namespace Cais.TestSupport;

/// <summary>What a test needs from the machine, and the skip reasons the test attributes give.</summary>
public static class HostRequirements
{
    public const string NeedsRoot = "needs root (run the tests as root)";
    public const string NeedsRunc = "runc is not installed (apt-get install runc)";

    /// <summary>geteuid() == 0.</summary>
    public static bool IsRoot => Environment.IsPrivilegedProcess;

    /// <summary>The first executable named <paramref name="name"/> on $PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate) && (FileModes.Get(candidate) & ExecuteBits) != 0)
                return candidate;
        }
        return null;
    }

    /// <summary>Null when the test can run as root, else why not.</summary>
    public static string? RootSkipReason() => IsRoot ? null : NeedsRoot;

    /// <summary>Null when the test can run as root with runc, else why not.</summary>
    public static string? RuncSkipReason() => RootSkipReason() ?? (FindOnPath("runc") is null ? NeedsRunc : null);

    const UnixFileMode ExecuteBits = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
}
