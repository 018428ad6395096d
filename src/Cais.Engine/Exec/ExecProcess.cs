using Cais.Engine.Containers;
using Cais.Runtime.Spec;

namespace Cais.Engine.Exec;

/// <summary>
/// The process an exec runs, built as Docker builds it: the container's process (its user,
/// capabilities, rlimits, environment) with the exec's command, environment additions, user,
/// working directory and terminal.
/// </summary>
internal static class ExecProcess
{
    public static ProcessSpec Build(RuntimeSpec container, ExecConfig exec, IReadOnlyList<string>? groupAdd)
    {
        var base_ = container.Process ?? throw new InvalidOperationException("the container's spec has no process");
        var p = new ProcessSpec
        {
            Terminal = exec.Tty,
            Args = [.. exec.Cmd],
            Env = Environment(base_.Env ?? [], exec),
            Cwd = exec.WorkingDir.Length > 0 ? exec.WorkingDir : base_.Cwd,
            User = base_.User,
            Capabilities = base_.Capabilities,
            Rlimits = base_.Rlimits,
            NoNewPrivileges = base_.NoNewPrivileges,
            ApparmorProfile = base_.ApparmorProfile,
            OomScoreAdj = base_.OomScoreAdj,
            SelinuxLabel = base_.SelinuxLabel,
        };
        if (exec.ConsoleSize is { } size) p.ConsoleSize = new ConsoleSize { Height = size.Rows, Width = size.Columns };
        if (exec.User.Length > 0)
        {
            var rootfs = container.Root?.Path ?? throw new InvalidOperationException("the container's spec has no root");
            var user = UserResolution.Resolve(rootfs, exec.User, groupAdd);
            p.User = new UserSpec
            {
                Uid = user.Uid, Gid = user.Gid, Umask = base_.User.Umask,
                AdditionalGids = user.AdditionalGids.Count > 0 ? user.AdditionalGids : null,
            };
        }
        if (exec.Privileged)
        {
            var all = SpecBuilder.HostCapabilities();
            p.Capabilities = new CapabilitiesSpec { Bounding = all, Effective = [.. all], Permitted = [.. all] };
        }
        return p;
    }

    /// <summary>The container's environment, TERM=xterm for a terminal, then the exec's variables (later wins).</summary>
    static List<string> Environment(IReadOnlyList<string> containerEnv, ExecConfig exec)
    {
        var env = new List<string>();
        void Set(string entry)
        {
            var key = entry.Split('=', 2)[0];
            env.RemoveAll(e => e.Split('=', 2)[0] == key);
            env.Add(entry);
        }
        foreach (var e in containerEnv)
            if (!e.StartsWith("TERM=", StringComparison.Ordinal)) env.Add(e);
        if (exec.Tty) Set("TERM=xterm");
        foreach (var e in exec.Env) Set(e);
        return env;
    }
}
