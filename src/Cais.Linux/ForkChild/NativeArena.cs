using System.Runtime.InteropServices;
using System.Text;

namespace Cais.Linux.ForkChild;

/// <summary>
/// Bump allocator for the memory a fork child reads: strings, string arrays, structs. Prepared
/// by the parent before the fork, so the child never allocates. Freed as a whole.
/// </summary>
public sealed unsafe class NativeArena : IDisposable
{
    const int BlockSize = 64 * 1024;
    readonly List<nint> blocks = [];
    byte* current;
    int used = BlockSize;

    public void* Alloc(int size)
    {
        size = (size + 15) & ~15;
        if (size > BlockSize)
        {
            var big = NativeMemory.AllocZeroed((nuint)size);
            blocks.Add((nint)big);
            return big;
        }
        if (used + size > BlockSize)
        {
            current = (byte*)NativeMemory.AllocZeroed(BlockSize);
            blocks.Add((nint)current);
            used = 0;
        }
        var p = current + used;
        used += size;
        return p;
    }

    /// <summary>A NUL-terminated UTF-8 copy; null for a null string.</summary>
    public byte* Str(string? s)
    {
        if (s is null) return null;
        if (s.Contains('\0')) throw new ArgumentException($"a NUL byte is not allowed in {s.Replace("\0", "\\0")}");
        int n = Encoding.UTF8.GetByteCount(s);
        var p = (byte*)Alloc(n + 1);
        Encoding.UTF8.GetBytes(s, new Span<byte>(p, n));
        return p;
    }

    /// <summary>A NULL-terminated array of NUL-terminated UTF-8 strings (argv/envp shape).</summary>
    public byte** Strs(IReadOnlyList<string> items)
    {
        var arr = (byte**)Alloc((items.Count + 1) * sizeof(nint));
        for (int i = 0; i < items.Count; i++) arr[i] = Str(items[i]);
        return arr;
    }

    public byte* Bytes(ReadOnlySpan<byte> data)
    {
        var p = (byte*)Alloc(Math.Max(data.Length, 1));
        data.CopyTo(new Span<byte>(p, data.Length));
        return p;
    }

    public void Dispose()
    {
        foreach (var b in blocks) NativeMemory.Free((void*)b);
        blocks.Clear();
        used = BlockSize;
    }
}
