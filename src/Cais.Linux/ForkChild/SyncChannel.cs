using System.Text;
using Cais.Linux.Interop;

namespace Cais.Linux.ForkChild;

/// <summary>
/// The parent's end of the sync socket with a fork child: named messages in, named messages
/// out, and a child's failure report turned into a <see cref="ChildSetupException"/>.
/// </summary>
public sealed unsafe class SyncChannel : IDisposable
{
    readonly ChildProgram? program;
    int fd;

    public SyncChannel(int fd, ChildProgram? program)
    {
        this.fd = fd;
        this.program = program;
    }

    public int Fd => fd;

    public void Send(SyncMessage message, int value = 0)
    {
        SyncRecord rec = new() { Type = (int)message, Value = value };
        long n;
        try
        {
            n = Fds.Write(fd, (byte*)&rec, sizeof(SyncRecord), "sync socket");
        }
        catch (SyscallException) when (fd >= 0)
        {
            // The child has gone (EPIPE): its failure report, if it sent one, says why.
            Receive();
            throw;
        }
        if (n != sizeof(SyncRecord)) throw new IOException("short write on the sync socket");
    }

    /// <summary>
    /// The next message, or null when the child closed its end (it exited or exec'd). An
    /// Error message is raised as <see cref="ChildSetupException"/>.
    /// </summary>
    public SyncRecord? Receive()
    {
        var buf = stackalloc byte[4096];
        long n;
        try
        {
            n = Fds.Read(fd, buf, 4096, "sync socket");
        }
        catch (SyscallException e) when (e.Errno == Errno.ECONNRESET)
        {
            // The child exited leaving a message of ours unread: a seqpacket socket reports that
            // (once) before the messages still queued for us, its failure report among them.
            n = Fds.Read(fd, buf, 4096, "sync socket");
        }
        if (n == 0) return null;
        if (n < sizeof(SyncRecord)) throw new IOException($"a malformed message of {n} bytes on the sync socket");
        var rec = *(SyncRecord*)buf;
        if (rec.Message == SyncMessage.Error)
        {
            string text = Encoding.UTF8.GetString(buf + sizeof(SyncRecord), (int)n - sizeof(SyncRecord));
            throw ChildSetupException.From(rec, text, program);
        }
        return rec;
    }

    /// <summary>Receives the next message and requires it to be <paramref name="expected"/>.</summary>
    public SyncRecord Expect(SyncMessage expected)
    {
        var rec = Receive() ?? throw new ChildSetupException($"the container process exited before it sent {expected}", 0, null);
        if (rec.Message != expected)
            throw new ChildSetupException($"expected {expected} from the container process, got {rec.Message}", 0, null);
        return rec;
    }

    public void Dispose()
    {
        if (fd >= 0) Libc.close(fd);
        fd = -1;
    }
}

/// <summary>A step of a child program failed; the message names the step, the syscall and errno.</summary>
public sealed class ChildSetupException(string message, int errno, string? step) : Exception(message)
{
    public int Errno { get; } = errno;

    /// <summary>The syscall that failed inside the step ("mount", "execve"), when known.</summary>
    public string? Step { get; } = step;

    public static ChildSetupException From(SyncRecord rec, string description, ChildProgram? program)
    {
        if (string.IsNullOrEmpty(description) && program is not null) description = program.DescriptionOf(rec.Value);
        var step = ((ChildStep)rec.Step).ToString();
        return new ChildSetupException($"{description}: {step}: {Cais.Linux.Errno.Describe(rec.Errno)}", rec.Errno, step);
    }
}
