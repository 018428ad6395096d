using System.Globalization;

namespace Cais.Engine.Stats;

/// <summary>
/// Reads the small text files of cgroupfs and procfs. A file that is missing (a controller not
/// mounted, a cgroup removed while it is read) reads as nothing: stats are best effort, as Docker's.
/// </summary>
internal static class StatFiles
{
    public static string? Text(string? dir, string name)
    {
        if (dir is null) return null;
        try { return File.ReadAllText(Path.Combine(dir, name)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>A file holding one number; "max" (v2's "no limit") reads as <see cref="ulong.MaxValue"/>.</summary>
    public static ulong? Number(string? dir, string name) => ParseNumber(Text(dir, name)?.Trim());

    public static ulong? ParseNumber(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (text == "max") return ulong.MaxValue;
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        // v1 writes -1 in some files for "no limit".
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed) && signed < 0 ? ulong.MaxValue : null;
    }

    /// <summary>"key value" lines (memory.stat, cpu.stat, cpuacct.stat, memory.events) as a map.</summary>
    public static Dictionary<string, ulong> KeyValues(string? dir, string name)
    {
        var map = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var text = Text(dir, name);
        if (text is null) return map;
        foreach (var line in text.Split('\n'))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && ParseNumber(parts[1]) is { } value) map[parts[0]] = value;
        }
        return map;
    }

    public static ulong Get(this Dictionary<string, ulong> map, string key) => map.TryGetValue(key, out var v) ? v : 0;
}
