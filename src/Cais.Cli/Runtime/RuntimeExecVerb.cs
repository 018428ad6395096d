using Cais.CommandLine;
using Cais.Runtime;

namespace Cais.Cli.Runtime;

/// <summary>`cais runtime exec [options] ID COMMAND [ARGS...]`, as runc's exec.</summary>
internal static class RuntimeExecVerb
{
    public static int Exec(RuntimeContext c, IReadOnlyList<string> args)
    {
        var f = new FlagSet("exec") { Interspersed = false, AllowSingleDashLong = true };
        var consoleSocket = f.String("console-socket", null, "", "unix socket that receives the terminal's master fd");
        var cwd = f.String("cwd", null, "", "working directory in the container");
        var env = f.StringList("env", 'e', "set an environment variable (NAME=VALUE)");
        var tty = f.Bool("tty", 't', "allocate a terminal");
        var user = f.String("user", 'u', "", "UID[:GID] to run as");
        var gids = f.StringList("additional-gids", 'g', "an additional group id");
        var process = f.String("process", 'p', "", "path to a process.json");
        var detach = f.Bool("detach", 'd', "return once the process started");
        var pidFile = f.String("pid-file", null, "", "write the process's pid to this file");
        f.String("process-label", null, "", "accepted for runc compatibility (SELinux is not supported)");
        f.String("apparmor", null, "", "accepted for runc compatibility (AppArmor is not supported)");
        var nnp = f.Bool("no-new-privs", null, "set no_new_privs for the process");
        var caps = f.StringList("cap", 'c', "add a capability");
        var preserve = f.Int("preserve-fds", null, 0, "pass this many fds after stdio to the process");
        f.Bool("ignore-paused", null, "accepted for runc compatibility");
        f.String("cgroup", null, "", "accepted for runc compatibility");
        var rest = f.Parse(args);
        if (rest.Count == 0) throw new FlagException("\"exec\" requires a container id");
        if (process.Value.Length == 0 && rest.Count < 2) throw new FlagException("\"exec\" requires a command (or --process)");
        var additional = new List<uint>();
        foreach (var g in gids.Value)
            additional.Add(uint.TryParse(g, out var gid) ? gid : throw new FlagException($"invalid additional gid \"{g}\""));
        return c.Runtime.Exec(rest[0], new ExecOptions
        {
            ProcessFile = process.Value.Length > 0 ? process.Value : null,
            Args = rest.Skip(1).ToList(),
            Tty = tty.Value, Detach = detach.Value,
            ConsoleSocket = consoleSocket.Value.Length > 0 ? consoleSocket.Value : null,
            PidFile = pidFile.Value.Length > 0 ? pidFile.Value : null,
            Cwd = cwd.Value.Length > 0 ? cwd.Value : null,
            Env = env.Value, User = user.Value.Length > 0 ? user.Value : null,
            AdditionalGids = additional, AddCapabilities = caps.Value, NoNewPrivileges = nnp.Value,
            PreserveFds = preserve.Value,
        });
    }
}
