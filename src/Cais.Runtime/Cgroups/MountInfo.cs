using System.Text;

namespace Cais.Runtime.Cgroups;

/// <summary>One line of /proc/self/mountinfo, the fields cgroup detection needs.</summary>
internal sealed record MountInfoEntry(
    string Device, string Root, string MountPoint, string FsType, IReadOnlyList<string> SuperOptions);

/// <summary>
/// Parses /proc/PID/mountinfo (proc(5), "/proc/pid/mountinfo"):
/// <c>36 35 98:0 /root /mnt rw,noatime master:1 - cgroup cgroup rw,cpu,cpuacct</c>.
/// The optional fields before "-" vary in number, so the separator is searched for.
/// </summary>
internal static class MountInfo
{
    public static List<MountInfoEntry> Parse(string text)
    {
        var entries = new List<MountInfoEntry>();
        foreach (string rawLine in text.Split('\n'))
        {
            string line = rawLine.TrimEnd('\r');
            if (line.Length == 0) continue;
            string[] f = line.Split(' ');
            int sep = Array.IndexOf(f, "-", 6);
            if (f.Length < 7 || sep < 0 || sep + 1 >= f.Length)
                throw new CgroupException($"malformed mountinfo line: {line}");
            string superOptions = sep + 3 < f.Length ? f[sep + 3] : "";
            entries.Add(new MountInfoEntry(
                Device: f[2],
                Root: Unescape(f[3]),
                MountPoint: Unescape(f[4]),
                FsType: f[sep + 1],
                SuperOptions: superOptions.Split(',', StringSplitOptions.RemoveEmptyEntries)));
        }
        return entries;
    }

    /// <summary>The kernel writes space, tab, newline and backslash in paths as \040, \011, \012, \134.</summary>
    internal static string Unescape(string field)
    {
        if (!field.Contains('\\')) return field;
        byte[] input = Encoding.UTF8.GetBytes(field);
        var output = new List<byte>(input.Length);
        for (int i = 0; i < input.Length; i++)
        {
            if (input[i] == (byte)'\\' && i + 3 < input.Length
                && IsOctalDigit(input[i + 1]) && IsOctalDigit(input[i + 2]) && IsOctalDigit(input[i + 3]))
            {
                output.Add((byte)((input[i + 1] - '0') * 64 + (input[i + 2] - '0') * 8 + (input[i + 3] - '0')));
                i += 3;
            }
            else
            {
                output.Add(input[i]);
            }
        }
        return Encoding.UTF8.GetString(output.ToArray());
    }

    static bool IsOctalDigit(byte b) => b is >= (byte)'0' and <= (byte)'7';
}
