using Cais.Api.Models.Containers;
using Cais.CommandLine;

namespace Cais.Cli.Containers.Options;

/// <summary>
/// --ulimit NAME=SOFT[:HARD] (docker/go-units ParseUlimit): one of the setrlimit resources by
/// its short name, a soft limit and a hard limit that defaults to the soft one.
/// </summary>
public static class UlimitOption
{
    static readonly HashSet<string> Names =
    [
        "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc",
        "rss", "rtprio", "rttime", "sigpending", "stack",
    ];

    public static Ulimit Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0) throw new FormatException($"invalid ulimit argument: {text}");
        var name = text[..equals];
        if (!Names.Contains(name)) throw new FormatException($"invalid ulimit type: {name}");
        var limits = text[(equals + 1)..].Split(':');
        if (limits.Length > 2)
            throw new FormatException($"too many limit value arguments - {text[(equals + 1)..]}, can only have up to two, `soft[:hard]`");
        var soft = GoSyntax.ParseInt(limits[0], 64);
        var hard = limits.Length == 2 ? GoSyntax.ParseInt(limits[1], 64) : soft;
        if (soft > hard) throw new FormatException($"ulimit soft limit must be less than or equal to hard limit: {soft} > {hard}");
        return new Ulimit { Name = name, Soft = soft, Hard = hard };
    }

    /// <summary>Adds a limit, replacing an earlier one of the same name (docker keeps one per name).</summary>
    public static List<Ulimit> Merge(List<Ulimit> current, Ulimit limit)
    {
        current.RemoveAll(u => u.Name == limit.Name);
        current.Add(limit);
        return current;
    }
}
