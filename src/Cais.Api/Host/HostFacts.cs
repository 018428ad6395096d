using System.Globalization;
using System.Runtime.InteropServices;

namespace Cais.Api.Host;

/// <summary>Facts about the machine for /version and /info, read from /proc and /etc as Docker reads them.</summary>
internal static class HostFacts
{
    /// <summary><c>uname -r</c>.</summary>
    public static string KernelVersion => ReadTrimmed("/proc/sys/kernel/osrelease") ?? "";

    /// <summary><c>uname -m</c> (x86_64, aarch64): /info's Architecture.</summary>
    public static string Machine => ReadTrimmed("/proc/sys/kernel/arch") ?? RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => "aarch64",
        Architecture.Arm or Architecture.Armv6 => "armv7l",
        Architecture.X86 => "i686",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64le",
        Architecture.RiscV64 => "riscv64",
        Architecture.LoongArch64 => "loongarch64",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>Go's GOARCH name (amd64, arm64): /version's Arch.</summary>
    public static string GoArch => Cais.Images.Model.HostPlatform.Current.Architecture;

    /// <summary>PRETTY_NAME of /etc/os-release ("Debian GNU/Linux 12 (bookworm)"), or "Linux".</summary>
    public static string OperatingSystem => OsRelease("PRETTY_NAME") ?? "Linux";

    /// <summary>VERSION_ID of /etc/os-release ("12"), or "".</summary>
    public static string OperatingSystemVersion => OsRelease("VERSION_ID") ?? "";

    public static int CpuCount => Environment.ProcessorCount;

    /// <summary>MemTotal of /proc/meminfo, in bytes.</summary>
    public static long MemoryTotal
    {
        get
        {
            foreach (var line in ReadLines("/proc/meminfo"))
            {
                if (!line.StartsWith("MemTotal:", StringComparison.Ordinal)) continue;
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kib)) return kib * 1024;
            }
            return 0;
        }
    }

    public static string HostName => Environment.MachineName;

    /// <summary>/proc/sys/net/ipv4/ip_forward is 1.</summary>
    public static bool IPv4Forwarding => ReadTrimmed("/proc/sys/net/ipv4/ip_forward") == "1";

    /// <summary>The bridge netfilter switch: true/false, or null when br_netfilter is not loaded.</summary>
    public static bool? BridgeNfCall(string family) =>
        ReadTrimmed($"/proc/sys/net/bridge/bridge-nf-call-{family}") is { } value ? value == "1" : null;

    /// <summary>
    /// The filesystem type under <paramref name="path"/> (the longest mount point containing it),
    /// named as Docker's overlay2 driver reports it ("extfs" for ext2/3/4).
    /// </summary>
    public static string BackingFilesystem(string path)
    {
        var full = Path.GetFullPath(path);
        string best = "", type = "unknown";
        foreach (var line in ReadLines("/proc/self/mountinfo"))
        {
            // mountinfo(5): id parent major:minor root mountpoint options [optional...] - fstype source superoptions
            var fields = line.Split(' ');
            var dash = Array.IndexOf(fields, "-");
            if (fields.Length < 5 || dash < 0 || dash + 1 >= fields.Length) continue;
            var mountPoint = fields[4].Replace("\\040", " ");
            bool contains = mountPoint == "/" || full == mountPoint || full.StartsWith(mountPoint + "/", StringComparison.Ordinal);
            if (contains && mountPoint.Length >= best.Length)
            {
                best = mountPoint;
                type = fields[dash + 1];
            }
        }
        return type is "ext2" or "ext3" or "ext4" ? "extfs" : type;
    }

    /// <summary>A proxy variable of the daemon's environment, credentials masked as Docker masks them.</summary>
    public static string Proxy(string name)
    {
        var value = Environment.GetEnvironmentVariable(name) ?? Environment.GetEnvironmentVariable(name.ToLowerInvariant()) ?? "";
        if (value.Length == 0 || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.UserInfo.Length == 0) return value;
        var masked = uri.UserInfo.Contains(':') ? "xxxxx:xxxxx" : "xxxxx";
        return value.Replace(uri.UserInfo + "@", masked + "@", StringComparison.Ordinal);
    }

    static string? OsRelease(string key)
    {
        foreach (var path in new[] { "/etc/os-release", "/usr/lib/os-release" })
        {
            foreach (var line in ReadLines(path))
            {
                if (!line.StartsWith(key + "=", StringComparison.Ordinal)) continue;
                var value = line[(key.Length + 1)..].Trim();
                if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0]) value = value[1..^1];
                return value;
            }
        }
        return null;
    }

    static string? ReadTrimmed(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    static IEnumerable<string> ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
