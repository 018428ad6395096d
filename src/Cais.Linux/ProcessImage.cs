using System.Runtime.InteropServices;
using System.Text;
using Cais.Linux.Interop;

namespace Cais.Linux;

/// <summary>Replaces the running program with another (execv(3)), keeping the pid, stdio and environment.</summary>
public static unsafe class ProcessImage
{
    /// <summary>
    /// Runs <paramref name="path"/> in place of this process with <paramref name="argv"/> (argv[0]
    /// included). Returns only by throwing: the program could not be started.
    /// </summary>
    public static void Replace(string path, IReadOnlyList<string> argv)
    {
        // Marshalled by hand into one native block: a null-terminated array of NUL-terminated strings.
        var strings = new IntPtr[argv.Count + 1];
        IntPtr pathBytes = IntPtr.Zero;
        try
        {
            pathBytes = Utf8(path);
            for (int i = 0; i < argv.Count; i++) strings[i] = Utf8(argv[i]);
            fixed (IntPtr* array = strings)
                Libc.execv((byte*)pathBytes, (byte**)array);
            throw new SyscallException("execv", path, Marshal.GetLastPInvokeError());
        }
        finally
        {
            foreach (var s in strings) if (s != IntPtr.Zero) Marshal.FreeHGlobal(s);
            if (pathBytes != IntPtr.Zero) Marshal.FreeHGlobal(pathBytes);
        }
    }

    static IntPtr Utf8(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        var p = Marshal.AllocHGlobal(bytes.Length + 1);
        Marshal.Copy(bytes, 0, p, bytes.Length);
        ((byte*)p)[bytes.Length] = 0;
        return p;
    }
}
