using Cais.Linux.Interop;

namespace Cais.Linux;

/// <summary>Terminal modes and window sizes.</summary>
public static unsafe class Terminal
{
    const int TermiosSize = 60; // struct termios on x86_64 and arm64 (glibc)
    const int TCSANOW = 0;

    public static bool IsTerminal(int fd) => Libc.isatty(fd) == 1;

    /// <summary>The window size of a terminal, or null if <paramref name="fd"/> is not one.</summary>
    public static (ushort Rows, ushort Columns)? GetSize(int fd)
    {
        ushort* ws = stackalloc ushort[4];
        if (Libc.ioctl(fd, Flags.TIOCGWINSZ, ws) < 0) return null;
        return (ws[0], ws[1]);
    }

    public static void SetSize(int fd, ushort rows, ushort columns)
    {
        ushort* ws = stackalloc ushort[4];
        ws[0] = rows; ws[1] = columns; ws[2] = 0; ws[3] = 0;
        Check.Io(Libc.ioctl(fd, Flags.TIOCSWINSZ, ws), "ioctl TIOCSWINSZ");
    }

    /// <summary>Puts a terminal in raw mode (cfmakeraw) and returns the previous settings to restore.</summary>
    public static byte[] MakeRaw(int fd)
    {
        var saved = new byte[TermiosSize];
        fixed (byte* p = saved) Check.Io(Libc.tcgetattr(fd, p), "tcgetattr");
        var raw = (byte[])saved.Clone();
        fixed (byte* p = raw)
        {
            // struct termios: c_iflag, c_oflag, c_cflag, c_lflag (uint each), then c_line, c_cc.
            uint* f = (uint*)p;
            f[0] &= ~(uint)(0x1 | 0x2 | 0x8 | 0x20 | 0x40 | 0x80 | 0x100 | 0x400); // IGNBRK BRKINT PARMRK ISTRIP INLCR IGNCR ICRNL IXON
            f[1] &= ~(uint)0x1;                                                   // OPOST
            f[3] &= ~(uint)(0x8 | 0x40 | 0x2 | 0x1 | 0x8000);                     // ECHO ECHONL ICANON ISIG IEXTEN
            f[2] &= ~(uint)(0x30 | 0x100);                                        // CSIZE PARENB
            f[2] |= 0x30;                                                         // CS8
            p[17 + 6] = 1; // c_cc[VMIN]
            p[17 + 5] = 0; // c_cc[VTIME]
            Check.Io(Libc.tcsetattr(fd, TCSANOW, p), "tcsetattr");
        }
        return saved;
    }

    public static void Restore(int fd, byte[] saved)
    {
        fixed (byte* p = saved) Libc.tcsetattr(fd, TCSANOW, p);
    }
}
