using Cais.Linux;

namespace Cais.Cli.Containers;

/// <summary>
/// The client's own stdin, stdout and stderr as unbuffered byte streams doing plain read(2) and
/// write(2) on the descriptors, for the bytes of attached processes (text messages go through
/// <see cref="Daemon.DaemonCli"/>'s writers). Not Console.OpenStandardInput: on a terminal .NET
/// reads that a line at a time with its own echo and editing, which would swallow the raw keys
/// (ctrl-c, the detach keys) a TTY session must pass on as typed. Not a FileStream either: on a
/// regular file it writes at its own offset, so `cais run ... >out 2>&1` would overwrite itself.
/// </summary>
public static class ClientStreams
{
    public static Stream Stdin => new DescriptorStream(0, "stdin");

    public static Stream Stdout => new DescriptorStream(1, "stdout");

    public static Stream Stderr => new DescriptorStream(2, "stderr");

    sealed class DescriptorStream(int fd, string name) : Stream
    {
        public override bool CanRead => fd == 0;

        public override bool CanWrite => fd != 0;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty) return 0;
            try
            {
                return Fds.Read(fd, buffer, name);
            }
            catch (SyscallException e)
            {
                throw new IOException(e.Message, e);
            }
        }

        // Reads block; the thread pool carries them so the caller's await does not.
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(Task.Run(() => Read(buffer.Span), cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            try
            {
                Fds.WriteAll(fd, buffer, name);
            }
            catch (SyscallException e)
            {
                throw new IOException(e.Message, e);
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
