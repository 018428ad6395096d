using Cais.CommandLine;
using Cais.Linux;
using Cais.Runtime;
using Cais.Runtime.Spec;

namespace Cais.Cli.Runtime;

/// <summary>The runc-compatible verbs, each a thin parse-then-call over <see cref="OciRuntime"/>.</summary>
internal static class RuntimeVerbs
{
    public static int Create(RuntimeContext c, IReadOnlyList<string> args)
    {
        var f = new FlagSet("create") { AllowSingleDashLong = true };
        var bundle = f.String("bundle", 'b', "", "path to the bundle (default: the current directory)");
        var consoleSocket = f.String("console-socket", null, "", "unix socket that receives the terminal's master fd");
        var pidFile = f.String("pid-file", null, "", "write the init's pid to this file");
        var noPivot = f.Bool("no-pivot", null, "use MS_MOVE and chroot instead of pivot_root");
        f.Bool("no-new-keyring", null, "accepted for runc compatibility (cais creates no session keyring)");
        var preserve = f.Int("preserve-fds", null, 0, "pass this many fds after stdio to the container");
        var id = OneId(f, args, "create");
        c.Runtime.Create(id, BundleOrCwd(bundle.Value), new CreateOptions
        {
            ConsoleSocket = NullIfEmpty(consoleSocket.Value), PidFile = NullIfEmpty(pidFile.Value),
            NoPivot = noPivot.Value, PreserveFds = preserve.Value,
        });
        return 0;
    }

    public static int Start(RuntimeContext c, IReadOnlyList<string> args)
    {
        var f = new FlagSet("start");
        var ids = f.Parse(args);
        if (ids.Count == 0) throw new FlagException("\"start\" requires a container id");
        foreach (var id in ids) c.Runtime.Start(id);
        return 0;
    }

    public static int RunContainer(RuntimeContext c, IReadOnlyList<string> args)
    {
        var f = new FlagSet("run") { AllowSingleDashLong = true };
        var bundle = f.String("bundle", 'b', "", "path to the bundle (default: the current directory)");
        var consoleSocket = f.String("console-socket", null, "", "unix socket that receives the terminal's master fd");
        var pidFile = f.String("pid-file", null, "", "write the init's pid to this file");
        var detach = f.Bool("detach", 'd', "return once the container started");
        var keep = f.Bool("keep", null, "keep the container's state after it exits");
        var noPivot = f.Bool("no-pivot", null, "use MS_MOVE and chroot instead of pivot_root");
        f.Bool("no-new-keyring", null, "accepted for runc compatibility");
        f.Bool("no-subreaper", null, "accepted for runc compatibility");
        var preserve = f.Int("preserve-fds", null, 0, "pass this many fds after stdio to the container");
        var id = OneId(f, args, "run");
        return c.Runtime.Run(id, BundleOrCwd(bundle.Value), new RunOptions
        {
            ConsoleSocket = NullIfEmpty(consoleSocket.Value), PidFile = NullIfEmpty(pidFile.Value),
            Detach = detach.Value, Keep = keep.Value, NoPivot = noPivot.Value, PreserveFds = preserve.Value,
        });
    }

    public static int State(RuntimeContext c, IReadOnlyList<string> args)
    {
        var id = OneId(new FlagSet("state"), args, "state");
        Console.Out.WriteLine(c.Runtime.StateJson(id));
        return 0;
    }

    public static int Kill(RuntimeContext c, IReadOnlyList<string> args)
    {
        var f = new FlagSet("kill");
        var all = f.Bool("all", 'a', "signal every process in the container");
        var rest = f.Parse(args);
        if (rest.Count is < 1 or > 2) throw new FlagException("usage: cais runtime kill [--all] ID [SIGNAL]");
        c.Runtime.Kill(rest[0], rest.Count > 1 ? Signals.Parse(rest[1]) : Signals.SIGTERM, all.Value);
        return 0;
    }

    public static int Delete(RuntimeContext c, IReadOnlyList<string> args)
    {
        var f = new FlagSet("delete");
        var force = f.Bool("force", 'f', "kill the container first if it is running");
        var ids = f.Parse(args);
        if (ids.Count == 0) throw new FlagException("\"delete\" requires a container id");
        foreach (var id in ids) c.Runtime.Delete(id, force.Value);
        return 0;
    }

    public static int List(RuntimeContext c, IReadOnlyList<string> args)
    {
        var f = new FlagSet("list");
        var format = f.String("format", 'f', "table", "table or json");
        var quiet = f.Bool("quiet", 'q', "print only the ids");
        f.Parse(args);
        var list = c.Runtime.List();
        if (quiet.Value) foreach (var s in list) Console.Out.WriteLine(s.Id);
        else if (format.Value == "json") Console.Out.WriteLine(OciRuntime.ListJson(list));
        else if (format.Value == "table") Console.Out.Write(OciRuntime.ListTable(list));
        else throw new FlagException($"invalid format option \"{format.Value}\" (table or json)");
        return 0;
    }

    public static int Ps(RuntimeContext c, IReadOnlyList<string> args)
    {
        var f = new FlagSet("ps") { Interspersed = false };
        var format = f.String("format", 'f', "table", "table or json");
        var rest = f.Parse(args);
        if (rest.Count == 0) throw new FlagException("\"ps\" requires a container id");
        var pids = c.Runtime.Pids(rest[0]);
        if (format.Value == "json") Console.Out.WriteLine(OciRuntime.PidsJson(pids));
        else if (format.Value == "table") Console.Out.Write(OciRuntime.PsTable(pids, rest.Skip(1).ToList()));
        else throw new FlagException($"invalid format option \"{format.Value}\" (table or json)");
        return 0;
    }

    public static int Spec(RuntimeContext c, IReadOnlyList<string> args)
    {
        var f = new FlagSet("spec");
        var bundle = f.String("bundle", 'b', "", "directory to write config.json in");
        var rootless = f.Bool("rootless", null, "a spec for a rootless container");
        f.Parse(args);
        var dir = BundleOrCwd(bundle.Value);
        var path = Path.Combine(dir, "config.json");
        if (File.Exists(path)) throw new InvalidSpecException($"{path} exists; remove it first");
        var spec = rootless.Value ? DefaultSpec.CreateRootless(0, 0) : DefaultSpec.Create();
        File.WriteAllText(path, SpecLoader.Serialize(spec) + "\n");
        return 0;
    }

    static string OneId(FlagSet f, IReadOnlyList<string> args, string verb)
    {
        var rest = f.Parse(args);
        if (rest.Count != 1) throw new FlagException($"\"{verb}\" requires exactly one container id, got {rest.Count}");
        return rest[0];
    }

    static string BundleOrCwd(string bundle) => bundle.Length > 0 ? bundle : Directory.GetCurrentDirectory();

    static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
