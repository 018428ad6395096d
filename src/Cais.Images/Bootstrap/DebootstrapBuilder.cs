using System.Diagnostics;
using System.Text;

namespace Cais.Images.Bootstrap;

/// <summary>
/// A Debian root filesystem made by debootstrap --variant=minbase from the mirror this machine's
/// apt already uses (so it works where apt works, with no internet beyond that mirror).
/// </summary>
public static class DebootstrapBuilder
{
    public const string DefaultMirror = "http://deb.debian.org/debian";

    public static void Build(string root, string suite, string? mirror, Action<string>? progress = null)
    {
        var debootstrap = new[] { "/usr/sbin/debootstrap", "/sbin/debootstrap" }.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("debootstrap is not installed (apt-get install debootstrap)");
        mirror ??= AptMirror() ?? DefaultMirror;
        var psi = new ProcessStartInfo(debootstrap)
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var a in new[] { "--variant=minbase", suite, root, mirror }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot run debootstrap");
        var log = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is { } line) { lock (log) log.AppendLine(line); progress?.Invoke(line); } };
        p.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (log) log.AppendLine(line); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            var tail = string.Join('\n', log.ToString().Split('\n').TakeLast(15));
            throw new InvalidOperationException($"debootstrap {suite} from {mirror} failed (exit {p.ExitCode}):\n{tail}");
        }
    }

    /// <summary>The first Debian mirror named in /etc/apt (deb822 .sources or sources.list), if any.</summary>
    public static string? AptMirror()
    {
        var files = new List<string>();
        if (File.Exists("/etc/apt/sources.list")) files.Add("/etc/apt/sources.list");
        // Apt reads only *.list and *.sources there, in name order; anything else (a
        // "x.sources.disabled") is not a source of this machine.
        if (Directory.Exists("/etc/apt/sources.list.d"))
            files.AddRange(Directory.GetFiles("/etc/apt/sources.list.d")
                .Where(f => f.EndsWith(".list", StringComparison.Ordinal) || f.EndsWith(".sources", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            foreach (var raw in File.ReadLines(file))
            {
                var line = raw.Trim();
                if (line.StartsWith("URIs:", StringComparison.Ordinal))
                {
                    var uri = line[5..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                    if (uri is not null && !uri.Contains("security", StringComparison.Ordinal)) return uri;
                }
                else if (line.StartsWith("deb ", StringComparison.Ordinal))
                {
                    var uri = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault(t => !t.StartsWith('['));
                    if (uri is not null && !uri.Contains("security", StringComparison.Ordinal)) return uri;
                }
            }
        }
        return null;
    }
}
