using Cais.Linux;
using Cais.Runtime.Spec;
using Cais.Runtime.State;

namespace Cais.Runtime;

public sealed record RunOptions
{
    public string? ConsoleSocket { get; init; }
    public string? PidFile { get; init; }
    public bool Detach { get; init; }
    public bool NoPivot { get; init; }
    /// <summary>Keep the container's state after it exits (runc's --keep).</summary>
    public bool Keep { get; init; }
    public int PreserveFds { get; init; }
}

public sealed partial class OciRuntime
{
    /// <summary>
    /// create + start; in the foreground, waits for the container's init, forwards signals to
    /// it, proxies its terminal, then deletes the container and returns its exit status.
    /// </summary>
    public int Run(string id, string bundle, RunOptions o)
    {
        StateStore.ValidateId(id);
        bundle = Path.GetFullPath(bundle);
        if (!Directory.Exists(bundle)) throw new InvalidSpecException($"bundle {bundle} is not a directory");
        var spec = SpecLoader.LoadBundle(bundle, out var configJson);
        bool proxy = spec.Process?.Terminal == true && o.ConsoleSocket is null;
        if (proxy && o.Detach) throw new InvalidSpecException("a terminal for a detached container needs --console-socket");
        int proxyFd = -1, childEnd = -1;
        if (proxy) (proxyFd, childEnd) = UnixSockets.Pair();
        int initPid;
        try
        {
            initPid = Create(id, bundle, spec, configJson, new CreateOptions
            {
                ConsoleSocket = o.ConsoleSocket, ConsoleSocketFd = childEnd, PidFile = o.PidFile,
                NoPivot = o.NoPivot, PreserveFds = o.PreserveFds,
            });
        }
        catch
        {
            Fds.Close(proxyFd);
            throw;
        }
        finally
        {
            Fds.Close(childEnd);
        }
        if (o.Detach)
        {
            Start(id);
            return 0;
        }
        // The runtime was left inside the container's cgroup by create; leave while it starts.
        var leaving = LeaveContainerCgroupInBackground();
        try
        {
            Start(id);
        }
        catch
        {
            Fds.Close(proxyFd);
            Processes.TryReap(initPid);
            leaving?.Join();
            if (!o.Keep) Delete(id, force: true);
            throw;
        }
        int code;
        try
        {
            code = WaitForeground(initPid, proxyFd);
            RuntimeTrace.Mark("run: container exited");
        }
        finally
        {
            leaving?.Join();
            if (!o.Keep) Delete(id, force: true);
        }
        return code;
    }
}

/// <summary>Forwards the signals a foreground runtime receives to the container's process, as runc does.</summary>
internal sealed class SignalForwarder : IDisposable
{
    readonly List<System.Runtime.InteropServices.PosixSignalRegistration> registrations = [];

    public SignalForwarder(int pid)
    {
        foreach (var sig in new[] { Signals.SIGINT, Signals.SIGTERM, Signals.SIGHUP, Signals.SIGQUIT, Signals.SIGUSR1, Signals.SIGUSR2 })
        {
            registrations.Add(System.Runtime.InteropServices.PosixSignalRegistration.Create(
                (System.Runtime.InteropServices.PosixSignal)sig, ctx =>
                {
                    ctx.Cancel = true;
                    Processes.Signal(pid, sig);
                }));
        }
    }

    public void Dispose()
    {
        foreach (var r in registrations) r.Dispose();
    }
}
