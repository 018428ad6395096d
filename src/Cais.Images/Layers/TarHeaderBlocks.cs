using System.Runtime.Intrinsics;
using System.Text;

namespace Cais.Images.Layers;

/// <summary>
/// A second look at the raw header blocks TarReader consumed for one entry (recorded by
/// <see cref="TarSource"/>), for the two things TarReader does not do: verify each header's
/// checksum (it ignores them), and return PAX <c>SCHILY.xattr.*</c> values as the exact bytes
/// (it decodes every PAX value as UTF-8, which mangles binary values such as
/// <c>security.capability</c>).
/// </summary>
internal static class TarHeaderBlocks
{
    const int Block = 512;

    /// <summary>
    /// Checks the headers in <paramref name="captured"/>, which began at byte
    /// <paramref name="start"/> of the tar; returns the raw extended attributes of the entry
    /// they describe, or null when it has none.
    /// </summary>
    public static List<KeyValuePair<string, byte[]>>? Check(ReadOnlySpan<byte> captured, long start, string? previousEntry)
    {
        List<KeyValuePair<string, byte[]>>? xattrs = null;
        // The capture may open with the padding after the previous entry's data.
        long first = (start + Block - 1) / Block * Block;
        int k = (int)(first - start);
        while (k + Block <= captured.Length)
        {
            var header = captured.Slice(k, Block);
            if (!header.ContainsAnyExcept((byte)0))
            {
                k += Block; // an end-of-archive block
                continue;
            }
            if (!ChecksumMatches(header))
                throw new LayerFormatException(previousEntry is null ? null : $"after {previousEntry}",
                    $"bad header checksum in the tar header at byte {start + k}");
            byte type = header[156];
            if (type is not ((byte)'x' or (byte)'L' or (byte)'K')) break; // the entry's own header
            long size = ParseNumber(header.Slice(124, 12));
            int dataStart = k + Block;
            int available = (int)Math.Min(size, Math.Max(0, captured.Length - dataStart));
            if (type == (byte)'x') ReadXattrs(captured.Slice(dataStart, available), ref xattrs);
            k = dataStart + (int)((size + Block - 1) / Block * Block);
        }
        return xattrs;
    }

    // POSIX: the sum of the header's bytes as unsigned chars, the checksum field counted as
    // spaces. Some old tars summed signed chars; GNU tar accepts either, and so does this.
    static bool ChecksumMatches(ReadOnlySpan<byte> header)
    {
        var field = header.Slice(148, 8);
        long stored = ParseOctal(field, out bool valid);
        if (!valid) return false;
        if (stored == Sum(header) - Sum(field) + 8 * ' ') return true;
        long signed = 8 * ' ';
        for (int i = 0; i < Block; i++)
            if (i is < 148 or >= 156) signed += (sbyte)header[i];
        return stored == signed;
    }

    // The unsigned byte sum, 16 bytes at a time (every header is summed: keep it cheap).
    static int Sum(ReadOnlySpan<byte> bytes)
    {
        int i = 0, sum = 0;
        if (Vector128.IsHardwareAccelerated && bytes.Length <= Block)
        {
            var lanes = Vector128<ushort>.Zero; // at most 32 x 510 per lane: no overflow
            for (; i + 16 <= bytes.Length; i += 16)
            {
                var (low, high) = Vector128.Widen(Vector128.Create(bytes.Slice(i, 16)));
                lanes += low + high;
            }
            var (a, b) = Vector128.Widen(lanes);
            sum = (int)Vector128.Sum(a + b);
        }
        for (; i < bytes.Length; i++) sum += bytes[i];
        return sum;
    }

    // An octal field (leading spaces or NULs, digits, then a space or NUL), or GNU's base-256
    // form (high bit of the first byte set) for sizes that do not fit.
    static long ParseNumber(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x80) != 0)
        {
            long value = field[0] & 0x7F;
            for (int i = 1; i < field.Length; i++) value = (value << 8) | field[i];
            return value;
        }
        return ParseOctal(field, out _);
    }

    static long ParseOctal(ReadOnlySpan<byte> field, out bool valid)
    {
        int i = 0;
        while (i < field.Length && field[i] is (byte)' ' or 0) i++;
        long value = 0;
        int digits = 0;
        for (; i < field.Length && field[i] is >= (byte)'0' and <= (byte)'7'; i++, digits++)
            value = value * 8 + (field[i] - '0');
        valid = digits > 0;
        return value;
    }

    // PAX records: "<length> <key>=<value>\n", the length counting the whole record.
    static void ReadXattrs(ReadOnlySpan<byte> data, ref List<KeyValuePair<string, byte[]>>? xattrs)
    {
        ReadOnlySpan<byte> prefix = "SCHILY.xattr."u8;
        while (!data.IsEmpty)
        {
            int space = data.IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(data[..space], out int length) || length <= space + 1 || length > data.Length) return;
            var record = data[(space + 1)..(length - 1)];
            data = data[length..];
            if (!record.StartsWith(prefix)) continue;
            int equals = record.IndexOf((byte)'=');
            if (equals < 0) continue;
            var name = Encoding.UTF8.GetString(record[prefix.Length..equals]);
            xattrs ??= [];
            xattrs.RemoveAll(x => x.Key == name); // a later record overrides an earlier one
            xattrs.Add(new(name, record[(equals + 1)..].ToArray()));
        }
    }
}
