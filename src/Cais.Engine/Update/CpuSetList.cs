using System.Globalization;

namespace Cais.Engine.Update;

/// <summary>
/// A cpuset list as the kernel writes it ("0-3,5,7-8"): which CPUs or memory nodes a container may
/// use, and which the host has online.
/// </summary>
public static class CpuSetList
{
    /// <summary>The numbers in <paramref name="list"/>; null when it is not a well-formed list.</summary>
    public static SortedSet<int>? Parse(string list)
    {
        var set = new SortedSet<int>();
        if (list.Trim().Length == 0) return set;
        foreach (var part in list.Trim().Split(','))
        {
            var bounds = part.Split('-');
            if (bounds.Length > 2 || !TryNumber(bounds[0], out int low)) return null;
            int high = low;
            if (bounds.Length == 2 && (!TryNumber(bounds[1], out high) || high < low)) return null;
            for (int n = low; n <= high; n++) set.Add(n);
        }
        return set;
    }

    static bool TryNumber(string text, out int n) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out n) && n < 1 << 16;

    /// <summary>The CPUs or memory nodes the host has online ("/sys/devices/system/cpu/online").</summary>
    public static string Online(string file)
    {
        try { return File.ReadAllText(file).Trim(); }
        catch (IOException) { return ""; }
    }
}
