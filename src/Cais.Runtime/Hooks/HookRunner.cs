using System.Text;
using System.Text.Json;
using Cais.Linux;
using Cais.Linux.ForkChild;
using Cais.Runtime.Launch;
using Cais.Runtime.Spec;
using Cais.Runtime.State;

namespace Cais.Runtime.Hooks;

/// <summary>Where a hook runs: the runtime's namespaces, or those of the container's init.</summary>
public sealed record HookPlace(int InitPid, IReadOnlyList<string> Namespaces, bool ResolvePathInRuntime)
{
    public static readonly HookPlace Runtime = new(0, [], true);

    public bool InContainer => InitPid > 0;
}

/// <summary>
/// Runs runtime-spec hooks: each gets the container's state JSON on stdin; its output is
/// captured; a non-zero exit or a timeout is a <see cref="HookException"/> naming the hook.
/// </summary>
public static class HookRunner
{
    public static void Run(IReadOnlyList<HookSpec>? hooks, string kind, StateDocument state, HookPlace place)
    {
        foreach (var hook in hooks ?? []) RunOne(hook, kind, state, place);
    }

    /// <summary>Runs every hook and returns failures as warnings (poststart and poststop must not stop the lifecycle).</summary>
    public static List<string> RunAll(IReadOnlyList<HookSpec>? hooks, string kind, StateDocument state, HookPlace place)
    {
        var warnings = new List<string>();
        foreach (var hook in hooks ?? [])
        {
            try { RunOne(hook, kind, state, place); }
            catch (HookException e) { warnings.Add(e.Message); }
        }
        return warnings;
    }

    static void RunOne(HookSpec hook, string kind, StateDocument state, HookPlace place)
    {
        var stdin = Fds.Pipe();
        var output = Fds.Pipe();
        ChildProcess? child = null;
        int pid = 0;
        try
        {
            using var p = new ChildProgram();
            bool fork = place.InContainer && ExecProgram.AddJoinAndFork(p, place.InitPid, place.Namespaces);
            var argv = hook.Args is { Count: > 0 } a ? a : [hook.Path];
            var env = hook.Env ?? [];
            int hookFd = place.ResolvePathInRuntime && place.InContainer ? p.Own(Fds.Open(hook.Path, Flags.O_RDONLY)) : -1;
            p.SetParentDeathSignal(0); // what a hook leaves running is its own business, as under runc
            p.Dup2(stdin.Read, 0);
            p.Dup2(output.Write, 1);
            p.Dup2(output.Write, 2);
            p.CloseFrom(3);
            if (hookFd >= 0)
            {
                // execveat of a script passes /dev/fd/N to its interpreter: N must survive the exec.
                p.Dup2(hookFd, 3);
                p.ExecFd(3, hook.Path, argv, env);
            }
            else
            {
                p.Exec([hook.Path], argv, env);
            }
            child = ChildLauncher.Start(p);
            pid = child.Pid;
            if (place.InContainer)
            {
                child.Channel.Expect(SyncMessage.ReadyForSetup);
                child.Channel.Send(SyncMessage.Go);
                if (fork)
                {
                    pid = child.Channel.Expect(SyncMessage.ChildPid).Value;
                    Processes.WaitExitCode(child.Pid);
                }
            }
            Fds.Close(stdin.Read); stdin.Read = -1;
            Fds.Close(output.Write); output.Write = -1;
            child.Channel.Receive(); // null once the hook has exec'd; a failure before exec throws
            var json = JsonSerializer.SerializeToUtf8Bytes(state, StateJsonContext.Default.StateDocument);
            try { Fds.WriteAll(stdin.Write, json, "hook stdin"); } catch (SyscallException e) when (e.Errno == Errno.EPIPE) { }
            Fds.Close(stdin.Write); stdin.Write = -1;
            int outFd = output.Read;
            var reader = Task.Factory.StartNew(() => ReadAll(outFd), TaskCreationOptions.LongRunning);
            int code = WaitWithTimeout(pid, hook.Timeout, out bool timedOut);
            // A hook that left a child holding its stdout must not hang the runtime: give up on
            // the rest of the output (and leave that fd to the reader thread).
            string text = reader.Wait(TimeSpan.FromSeconds(2)) ? reader.Result : "";
            if (!reader.IsCompleted) output.Read = -1;
            if (timedOut) throw new HookException($"{kind} hook {hook.Path} timed out after {hook.Timeout} s");
            if (code != 0)
                throw new HookException($"{kind} hook {hook.Path} exited with status {code}" + (text.Length > 0 ? $": {text.Trim()}" : ""));
        }
        catch (ChildSetupException e)
        {
            if (pid > 0) Processes.TryReap(pid);
            throw new HookException($"{kind} hook {hook.Path}: {e.Message}");
        }
        finally
        {
            child?.Dispose();
            Fds.Close(stdin.Read); Fds.Close(stdin.Write); Fds.Close(output.Read); Fds.Close(output.Write);
        }
    }

    static unsafe string ReadAll(int fd)
    {
        var sb = new StringBuilder();
        var buf = stackalloc byte[4096];
        long n;
        while ((n = Fds.Read(fd, buf, 4096, "hook output")) > 0 && sb.Length < 64 * 1024)
            sb.Append(Encoding.UTF8.GetString(buf, (int)n));
        return sb.ToString();
    }

    static int WaitWithTimeout(int pid, int? timeoutSeconds, out bool timedOut)
    {
        timedOut = false;
        var deadline = timeoutSeconds is > 0 ? DateTime.UtcNow.AddSeconds(timeoutSeconds.Value) : DateTime.MaxValue;
        while (true)
        {
            if (Processes.TryReap(pid) is { } code) return code;
            if (DateTime.UtcNow > deadline)
            {
                timedOut = true;
                Processes.Signal(pid, Signals.SIGKILL);
                return Processes.WaitExitCode(pid);
            }
            Thread.Sleep(2);
        }
    }
}

public sealed class HookException(string message) : Exception(message);
