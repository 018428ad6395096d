using Cais.Linux;
using Cais.Linux.ForkChild;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Launch;

/// <summary>
/// The last steps before exec, shared by a container's init and by exec: session and terminal,
/// capabilities, user and groups, no_new_privs, umask, fds, and the exec itself. (Rlimits are
/// set by the parent on the set-up process, see <see cref="ApplyRlimits"/>.)
/// The order follows what the kernel requires: the bounding set is dropped while still
/// privileged, capabilities are kept across setuid with PR_SET_KEEPCAPS, then set exactly.
/// </summary>
internal static class ProcessSteps
{
    /// <summary>Checks a process section before anything is created, so bad input leaves nothing behind.</summary>
    public static ResolvedProcess Resolve(ProcessSpec process, string rootfsForHome)
    {
        if (process.Args is not { Count: > 0 }) throw new InvalidSpecException("process.args must name a program");
        if (!process.Cwd.StartsWith('/')) throw new InvalidSpecException($"process.cwd must be an absolute path: \"{process.Cwd}\"");
        var env = new List<string>(process.Env ?? []);
        foreach (var e in env)
            if (!e.Contains('=')) throw new InvalidSpecException($"process.env: \"{e}\" is not NAME=VALUE");
        if (!env.Any(e => e.StartsWith("HOME=", StringComparison.Ordinal)))
            env.Add("HOME=" + (PasswdLookup.HomeOf(rootfsForHome, process.User.Uid) ?? "/"));

        var rlimits = new List<(int Resource, ulong Soft, ulong Hard, string Name)>();
        foreach (var r in process.Rlimits ?? [])
        {
            int n = Rlimits.Number(r.Type);
            if (n < 0) throw new InvalidSpecException($"process.rlimits: unknown rlimit type \"{r.Type}\"");
            if (rlimits.Any(x => x.Resource == n)) throw new InvalidSpecException($"process.rlimits: {r.Type} is set twice");
            if (r.Soft > r.Hard) throw new InvalidSpecException($"process.rlimits: {r.Type} soft limit {r.Soft} is above its hard limit {r.Hard}");
            rlimits.Add((n, r.Soft, r.Hard, r.Type));
        }
        return new ResolvedProcess(process, env, ExecutableLookup.Candidates(process.Args[0], env), rlimits,
            CapabilitySets.From(process.Capabilities));
    }

    /// <summary>
    /// Sets the rlimits on a set-up process from the parent, as runc does: a bad limit fails
    /// `create` (not `start`), and a hard limit above the runtime's own can be granted where the
    /// runtime holds CAP_SYS_RESOURCE, even to a process in a user namespace. Children inherit them.
    /// </summary>
    public static void ApplyRlimits(ResolvedProcess r, int pid)
    {
        foreach (var (resource, soft, hard, name) in r.Rlimits)
        {
            try { Rlimits.Set(pid, resource, soft, hard); }
            catch (SyscallException e)
            {
                throw new InvalidSpecException($"process.rlimits: cannot set {name} to {soft}:{hard}: {Errno.Describe(e.Errno)}"
                    + (e.Errno == Errno.EPERM ? " (raising a hard limit needs CAP_SYS_RESOURCE)" : ""));
            }
        }
    }

    public static void AddFinal(ChildProgram p, ResolvedProcess r, int terminalSlot, int preserveFds)
    {
        var proc = r.Process;
        p.Setsid();
        if (terminalSlot >= 0) p.AttachTerminal(terminalSlot);
        var caps = r.Capabilities;
        p.DropBoundingSet(caps.Bounding, caps.LastCap);
        p.KeepCaps(true);
        p.SetGroups([.. (proc.User.AdditionalGids ?? []).Select(g => (int)g)]);
        p.SetResGid((int)proc.User.Gid);
        p.SetResUid((int)proc.User.Uid);
        p.KeepCaps(false);
        p.Capset(caps.Effective, caps.Permitted, caps.Inheritable);
        if (caps.Ambient != 0) p.RaiseAmbient(caps.Ambient);
        if (proc.NoNewPrivileges) p.NoNewPrivileges();
        p.Umask((int)(proc.User.Umask ?? 0x12 /*0022*/));
        p.CloseFrom(3 + preserveFds);
        p.Exec(r.Candidates, proc.Args!, r.Env);
    }
}

/// <summary>A process section checked and completed (HOME, executable candidates, rlimits, capability masks).</summary>
internal sealed record ResolvedProcess(
    ProcessSpec Process,
    List<string> Env,
    List<string> Candidates,
    List<(int Resource, ulong Soft, ulong Hard, string Name)> Rlimits,
    CapabilitySets Capabilities)
{
    public string ExecutableDescription => Process.Args![0];
}

/// <summary>The five capability sets as bitmasks.</summary>
internal sealed record CapabilitySets(ulong Bounding, ulong Effective, ulong Permitted, ulong Inheritable, ulong Ambient, int LastCap, List<string> Warnings)
{
    public static CapabilitySets From(CapabilitiesSpec? caps)
    {
        int last = Capabilities.LastCap();
        var warnings = new List<string>();
        ulong Mask(List<string>? names, string set)
        {
            ulong m = 0;
            foreach (var name in names ?? [])
            {
                int n = Capabilities.Number(name);
                if (n < 0 || n > last) { warnings.Add($"process.capabilities.{set}: {name} is unknown to this kernel; ignored"); continue; }
                m |= 1UL << n;
            }
            return m;
        }
        ulong permitted = Mask(caps?.Permitted, "permitted"), inheritable = Mask(caps?.Inheritable, "inheritable");
        ulong ambient = Mask(caps?.Ambient, "ambient");
        // The kernel raises an ambient capability only if it is permitted and inheritable
        // (capabilities(7)); runc's own default spec lists ambient ones without inheritable ones,
        // and runc carries on. So does cais, saying which it left out.
        for (int n = 0; n <= last; n++)
            if ((ambient & (1UL << n)) != 0 && (permitted & inheritable & (1UL << n)) == 0)
                warnings.Add($"process.capabilities.ambient: {Capabilities.Name(n)} is not both permitted and inheritable; not raised");
        ambient &= permitted & inheritable;
        var result = new CapabilitySets(Mask(caps?.Bounding, "bounding"), Mask(caps?.Effective, "effective"),
            permitted, inheritable, ambient, last, warnings);
        // The kernel refuses a process capabilities its bounding set lacks; say which one instead of EPERM.
        ulong have = Capabilities.CurrentBoundingSet();
        ulong wanted = result.Effective | result.Permitted | result.Inheritable | result.Ambient;
        for (int n = 0; n <= last; n++)
            if ((wanted & (1UL << n)) != 0 && (have & (1UL << n)) == 0)
                throw new InvalidSpecException($"process.capabilities: {Capabilities.Name(n)} is not in the runtime's capability bounding set (the host withholds it)");
        return result;
    }
}

/// <summary>Looks a uid's home directory up in the image's /etc/passwd, never leaving the root.</summary>
internal static class PasswdLookup
{
    public static string? HomeOf(string rootfs, uint uid)
    {
        string? text;
        try { text = FileSystem.ReadTextInRoot(rootfs, "/etc/passwd"); }
        catch (SyscallException) { return null; }
        if (text is null) return null;
        foreach (var line in text.Split('\n'))
        {
            var f = line.Split(':');
            if (f.Length >= 6 && uint.TryParse(f[2], out var u) && u == uid && f[5].Length > 0) return f[5];
        }
        return null;
    }
}
