using Cais.CommandLine;
using Cais.Linux;
using Cais.Linux.ForkChild;
using Cais.Runtime;
using Cais.Runtime.Cgroups;
using Cais.Runtime.Hooks;
using Cais.Runtime.Spec;
using Cais.Runtime.State;

namespace Cais.Cli.Runtime;

/// <summary>
/// `cais runtime`: the OCI runtime's command line, compatible with runc's (global flags
/// --root, --log, --log-format; then a verb). Errors go to stderr and, with --log, to the log
/// file in the format containerd reads; the exit status is 1, or the container's own.
/// </summary>
public static class RuntimeCli
{
    delegate int Verb(RuntimeContext context, IReadOnlyList<string> args);

    static readonly Dictionary<string, (Verb Run, string Summary)> Verbs = new()
    {
        ["create"] = (RuntimeVerbs.Create, "create a container"),
        ["start"] = (RuntimeVerbs.Start, "start a created container"),
        ["run"] = (RuntimeVerbs.RunContainer, "create and start a container, and wait for it"),
        ["state"] = (RuntimeVerbs.State, "print the state of a container"),
        ["kill"] = (RuntimeVerbs.Kill, "send a signal to a container's init (default SIGTERM)"),
        ["delete"] = (RuntimeVerbs.Delete, "delete a container and everything it holds"),
        ["exec"] = (RuntimeExecVerb.Exec, "run a new process inside a container"),
        ["list"] = (RuntimeVerbs.List, "list containers"),
        ["ps"] = (RuntimeVerbs.Ps, "list the processes of a container"),
        ["spec"] = (RuntimeVerbs.Spec, "write a default config.json"),
    };

    public static int Run(string[] args)
    {
        var globals = new FlagSet("runtime") { Interspersed = false, AllowSingleDashLong = true };
        var root = globals.String("root", null, StateStore.DefaultRoot, "directory for the state of containers");
        var log = globals.String("log", null, "", "append errors and warnings to this file");
        var logFormat = globals.String("log-format", null, "text", "log format: text or json");
        globals.Bool("debug", null, "more output (accepted for runc compatibility)");
        var systemd = globals.Bool("systemd-cgroup", null, "use systemd to manage cgroups (not supported)");
        globals.String("rootless", null, "auto", "ignored (runc compatibility)");
        var help = globals.Bool("help", 'h', "show help");
        var version = globals.Bool("version", 'v', "print the version");
        RuntimeLog? logger = null;
        try
        {
            globals.Parse(args);
            logger = new RuntimeLog(log.Value, logFormat.Value);
            if (version.Value)
            {
                Console.Out.WriteLine($"cais runtime version {CaisMain.Version}\nspec: {DefaultSpec.OciVersion}");
                return 0;
            }
            if (help.Value || globals.Args.Count == 0)
            {
                Console.Out.Write(Usage(globals));
                return help.Value ? 0 : 1;
            }
            if (systemd.Value) throw new FlagException("--systemd-cgroup: the systemd cgroup driver is not supported; cais manages cgroupfs directly");
            var verbName = globals.Args[0];
            if (!Verbs.TryGetValue(verbName, out var verb))
                throw new FlagException($"unknown command \"{verbName}\" for \"cais runtime\"");
            var context = new RuntimeContext(new OciRuntime(root.Value, logger.Warn), logger);
            return verb.Run(context, globals.Args.Skip(1).ToList());
        }
        catch (HelpRequestedException)
        {
            Console.Out.Write(Usage(globals));
            return 0;
        }
        catch (Exception e) when (IsUserFacing(e))
        {
            (logger ?? new RuntimeLog("", "text")).Error(e.Message);
            return 1;
        }
    }

    /// <summary>Errors that are the user's input or the container's state, reported as one line (no stack trace).</summary>
    static bool IsUserFacing(Exception e) => e is FlagException or InvalidSpecException or ContainerNotFoundException
        or ContainerExistsException or ContainerStateException or ContainerCreateException or ContainerStartException
        or ChildSetupException or SyscallException or CgroupException or HookException or IOException
        or UnauthorizedAccessException or FormatException;

    static string Usage(FlagSet globals)
    {
        var sb = new System.Text.StringBuilder("Usage: cais runtime [global options] COMMAND [options] ARGS\n\n");
        sb.Append("An OCI runtime, command-line compatible with runc.\n\nCommands:\n");
        foreach (var (name, (_, summary)) in Verbs) sb.Append($"  {name,-8} {summary}\n");
        sb.Append("\nGlobal options:\n").Append(globals.Usage());
        return sb.ToString();
    }
}

/// <summary>What every verb gets: the runtime and the log.</summary>
public sealed record RuntimeContext(OciRuntime Runtime, RuntimeLog Log);
