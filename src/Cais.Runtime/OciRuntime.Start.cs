using System.Text;
using Cais.Linux;
using Cais.Linux.ForkChild;
using Cais.Runtime.Hooks;
using Cais.Runtime.State;

namespace Cais.Runtime;

public sealed partial class OciRuntime
{
    /// <summary>
    /// Starts a created container: runs the startContainer hooks, connects to the init's start
    /// socket (which makes it exec the user's process), and reports an exec failure as an
    /// error. The init's end of the connection is close-on-exec, so EOF with no data means success.
    /// </summary>
    public void Start(string id)
    {
        RuntimeTrace.Mark("start: begin");
        var state = store.Load(id);
        var status = StatusOf(state);
        if (status != ContainerStatus.Created)
            throw new ContainerStateException(status == ContainerStatus.Stopped
                ? $"cannot start a container that has stopped: {id}"
                : $"cannot start container {id}: it is {status.ToSpecString()}, not created");
        var spec = state.HasLifecycleHooks ? store.LoadConfig(id) : null;
        var doc = Describe(state);
        HookRunner.Run(spec?.Hooks?.StartContainer, "startContainer", doc, new HookPlace(state.Pid, state.Namespaces, ResolvePathInRuntime: false));

        var socketPath = store.StartSocketOf(id);
        int conn;
        try { conn = UnixSockets.Connect(socketPath); }
        catch (SyscallException e) when (e.Errno is Errno.ENOENT or Errno.ECONNREFUSED)
        {
            throw new ContainerStateException($"cannot start container {id}: it is not waiting for start (already started?)");
        }
        try
        {
            FileSystem.Unlink(socketPath); // from here on the container counts as running
            RuntimeTrace.Mark("start: connected");
            var report = ReadToEnd(conn);
            if (report.Length >= 16)
            {
                var errno = BitConverter.ToInt32(report, 8);
                var step = (ChildStep)BitConverter.ToInt32(report, 12);
                var text = Encoding.UTF8.GetString(report, 16, report.Length - 16);
                Processes.Signal(state.Pid, Signals.SIGKILL);
                throw new ContainerStartException($"{text}: {step}: {Errno.Describe(errno)}", errno, step.ToString());
            }
        }
        finally
        {
            Fds.Close(conn);
        }
        RuntimeTrace.Mark("start: process exec'd");
        doc = Describe(state);
        foreach (var w in HookRunner.RunAll(spec?.Hooks?.Poststart, "poststart", doc, HookPlace.Runtime)) warn(w);
    }

    static unsafe byte[] ReadToEnd(int fd)
    {
        var ms = new MemoryStream();
        var buf = stackalloc byte[4096];
        long n;
        while ((n = Fds.Read(fd, buf, 4096, "start socket")) > 0) ms.Write(new ReadOnlySpan<byte>(buf, (int)n));
        return ms.ToArray();
    }
}

/// <summary>The container's process could not be executed (not found, not permitted, ...).</summary>
public sealed class ContainerStartException(string message, int errno, string step) : Exception(message)
{
    public int Errno { get; } = errno;
    public string Step { get; } = step;
}
