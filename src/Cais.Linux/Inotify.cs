using System.Runtime.InteropServices;
using System.Text;
using Cais.Linux.Interop;

namespace Cais.Linux;

/// <summary>inotify(7) event bits, as in &lt;sys/inotify.h&gt;.</summary>
[Flags]
public enum InotifyMask : uint
{
    None = 0,
    IN_MODIFY = 0x2,
    IN_ATTRIB = 0x4,
    IN_CLOSE_WRITE = 0x8,
    IN_MOVED_FROM = 0x40,
    IN_MOVED_TO = 0x80,
    IN_CREATE = 0x100,
    IN_DELETE = 0x200,
    IN_DELETE_SELF = 0x400,
    IN_MOVE_SELF = 0x800,
    /// <summary>The kernel's event queue overflowed (wd is -1): events were lost.</summary>
    IN_Q_OVERFLOW = 0x4000,
    /// <summary>The watch was removed (explicitly, or because its object was deleted or unmounted).</summary>
    IN_IGNORED = 0x8000,
    IN_ONLYDIR = 0x01000000,
    IN_ISDIR = 0x40000000,
}

/// <summary>One inotify event: the watch it belongs to, what happened, and the name inside a watched directory.</summary>
public readonly record struct InotifyEvent(int Watch, InotifyMask Mask, uint Cookie, string? Name);

/// <summary>
/// An inotify instance (inotify_init1 with IN_CLOEXEC): watches added by path, events read by
/// <see cref="ReadEvents"/>, which blocks until at least one event is queued. Do not dispose
/// while another thread is blocked in <see cref="ReadEvents"/>: closing an fd under a pending
/// read does not wake it.
/// </summary>
public sealed partial class Inotify : IDisposable
{
    const int IN_CLOEXEC = 0x80000;

    // struct inotify_event (include/uapi/linux/inotify.h): wd, mask, cookie, len, then len bytes of
    // NUL-padded name. A buffer of this size always holds at least one event (NAME_MAX is 255).
    const int EventHeaderSize = 16;
    public const int MinimumBufferSize = EventHeaderSize + 256;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int inotify_init1(int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int inotify_add_watch(int fd, string path, uint mask);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int inotify_rm_watch(int fd, int wd);

    int fd;

    Inotify(int fd) => this.fd = fd;

    public static Inotify Create() => new(Check.Io(inotify_init1(IN_CLOEXEC), "inotify_init1"));

    /// <summary>Watches <paramref name="path"/>; returns the watch descriptor (the same one again for a path already watched).</summary>
    public int AddWatch(string path, InotifyMask mask) =>
        Check.Io(inotify_add_watch(Fd, path, (uint)mask), "inotify_add_watch", path);

    /// <summary>Removes a watch; a watch the kernel already removed (its object deleted) is not an error.</summary>
    public void RemoveWatch(int watch)
    {
        if (inotify_rm_watch(Fd, watch) == 0) return;
        int errno = Marshal.GetLastPInvokeError();
        if (errno != Errno.EINVAL) throw new SyscallException("inotify_rm_watch", watch.ToString(), errno);
    }

    /// <summary>
    /// Blocks until events are queued, then appends them to <paramref name="events"/>.
    /// <paramref name="buffer"/> must hold at least <see cref="MinimumBufferSize"/> bytes.
    /// </summary>
    public unsafe void ReadEvents(byte[] buffer, List<InotifyEvent> events)
    {
        if (buffer.Length < MinimumBufferSize)
            throw new ArgumentException($"an inotify read buffer needs at least {MinimumBufferSize} bytes", nameof(buffer));
        long n;
        fixed (byte* p = buffer) n = Fds.Read(Fd, p, buffer.Length, "inotify");
        Parse(buffer.AsSpan(0, (int)n), events);
    }

    static void Parse(ReadOnlySpan<byte> data, List<InotifyEvent> events)
    {
        int offset = 0;
        while (offset + EventHeaderSize <= data.Length)
        {
            var header = data.Slice(offset, EventHeaderSize);
            int wd = MemoryMarshal.Read<int>(header);
            uint mask = MemoryMarshal.Read<uint>(header[4..]);
            uint cookie = MemoryMarshal.Read<uint>(header[8..]);
            int nameLength = (int)MemoryMarshal.Read<uint>(header[12..]);
            string? name = null;
            if (nameLength > 0)
            {
                var raw = data.Slice(offset + EventHeaderSize, nameLength);
                int end = raw.IndexOf((byte)0);
                name = Encoding.UTF8.GetString(end < 0 ? raw : raw[..end]);
            }
            events.Add(new InotifyEvent(wd, (InotifyMask)mask, cookie, name));
            offset += EventHeaderSize + nameLength;
        }
    }

    int Fd => fd >= 0 ? fd : throw new ObjectDisposedException(nameof(Inotify));

    public void Dispose()
    {
        if (fd >= 0) Libc.close(fd);
        fd = -1;
    }
}
