using System.Formats.Tar;
using System.Globalization;
using Cais.Linux;

namespace Cais.Images.Layers;

/// <summary>
/// GNU tar's sparse files in PAX format 1.0 (GNU tar manual, "Storing Sparse Files"): the
/// entry is a regular file named GNUSparseFile.N/NAME whose PAX attributes give the real name
/// (GNU.sparse.name) and size (GNU.sparse.realsize); its data opens with the map, decimal
/// numbers one per line (count, then offset and length of each data region), padded to 512
/// bytes, followed by the regions' bytes. TarReader passes such entries through untouched.
/// The older PAX formats 0.0 and 0.1 and the GNU 'S' entry type are refused.
/// </summary>
internal static class SparseEntries
{
    public static bool IsSparse(PaxTarEntry entry, out string realName, out long realSize)
    {
        var attributes = entry.ExtendedAttributes;
        realName = entry.Name;
        realSize = -1;
        if (!attributes.TryGetValue("GNU.sparse.major", out var major))
        {
            foreach (var key in attributes.Keys)
                if (key.StartsWith("GNU.sparse.", StringComparison.Ordinal))
                    throw new LayerFormatException(entry.Name, "GNU sparse formats 0.0 and 0.1 are not supported (only PAX 1.0)");
            return false;
        }
        attributes.TryGetValue("GNU.sparse.minor", out var minor);
        if (major != "1" || minor != "0")
            throw new LayerFormatException(entry.Name, $"GNU sparse format {major}.{minor} is not supported (only 1.0)");
        if (!attributes.TryGetValue("GNU.sparse.realsize", out var size)
            || !long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out realSize) || realSize < 0)
            throw new LayerFormatException(entry.Name, "sparse file without a valid GNU.sparse.realsize");
        if (attributes.TryGetValue("GNU.sparse.name", out var name)) realName = name;
        return true;
    }

    /// <summary>Writes the regions at their offsets into <paramref name="fd"/> and sizes the file.</summary>
    public static void Write(TarEntry entry, int fd, long realSize, byte[] buffer, string path)
    {
        var data = entry.DataStream ?? throw new LayerFormatException(entry.Name, "sparse file without a map");
        var map = ReadMap(entry, data, out long mapBytes);
        long expected = mapBytes;
        foreach (var (offset, length) in map)
        {
            if (offset < 0 || length < 0 || offset + length > realSize)
                throw new LayerFormatException(entry.Name, "sparse map region beyond the file's size");
            long done = 0;
            while (done < length)
            {
                int n = data.Read(buffer, 0, (int)Math.Min(buffer.Length, length - done));
                if (n == 0) throw new LayerFormatException(entry.Name, "the archive ends inside a sparse file (truncated)");
                int errno = FileOps.TryWriteAt(fd, buffer.AsSpan(0, n), offset + done);
                if (errno != 0) throw new SyscallException("pwrite", path, errno);
                done += n;
            }
            expected += length;
        }
        if (expected != entry.Length)
            throw new LayerFormatException(entry.Name, "sparse map does not match the entry's size");
        int e = FileOps.TryTruncate(fd, realSize);
        if (e != 0) throw new SyscallException("ftruncate", path, e);
    }

    static List<(long Offset, long Length)> ReadMap(TarEntry entry, Stream data, out long mapBytes)
    {
        var block = new byte[512];
        var numbers = new List<long>();
        long count = -1;
        long value = 0;
        bool inNumber = false;
        mapBytes = 0;
        while (count < 0 || numbers.Count < 2 * count)
        {
            data.ReadExactly(block);
            mapBytes += 512;
            foreach (byte b in block)
            {
                if (b is >= (byte)'0' and <= (byte)'9')
                {
                    value = checked(value * 10 + (b - '0'));
                    inNumber = true;
                }
                else if (b == (byte)'\n' && inNumber)
                {
                    if (count < 0) count = value;
                    else numbers.Add(value);
                    value = 0;
                    inNumber = false;
                    if (count >= 0 && numbers.Count == 2 * count) break;
                }
                else if (b != 0 || inNumber)
                {
                    throw new LayerFormatException(entry.Name, "malformed sparse map");
                }
            }
            if (count > 1_000_000) throw new LayerFormatException(entry.Name, "sparse map too large");
        }
        var map = new List<(long, long)>((int)count);
        for (int i = 0; i < numbers.Count; i += 2) map.Add((numbers[i], numbers[i + 1]));
        return map;
    }
}
