using Cais.Runtime.Spec;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Runtime;

/// <summary>
/// runtime-spec hooks: each kind at its point of the lifecycle, with the state JSON on stdin;
/// a failing or slow create-time hook undoes the create; a failing poststart hook only warns.
/// </summary>
[Collection("containers")]
public sealed class HooksTests : IDisposable
{
    readonly RuntimeHarness h = new();

    public void Dispose() => h.Dispose();

    // Appends "<kind> <id> <pid>" from the state JSON on stdin to the log named by $2.
    const string LoggingHook = """
        #!/bin/sh
        json=$(cat)
        id=$(echo "$json" | sed -n 's/.*"id" *: *"\([^"]*\)".*/\1/p')
        pid=$(echo "$json" | sed -n 's/.*"pid" *: *\([0-9]*\).*/\1/p')
        status=$(echo "$json" | sed -n 's/.*"status" *: *"\([^"]*\)".*/\1/p')
        echo "$1 $id $pid $status" >> "$2"
        """;

    [RootFact]
    public void AllSixKinds_RunInOrderWithTheStateOnStdin()
    {
        var b = h.Bundle(["sh", "-c", "cat /hooks.log > /tmp/seen-by-process; sleep 100"]);
        var hostLog = Path.Combine(b.Dir, "hooks.log");
        var inContainerLog = Path.Combine(b.RootfsDir, "hooks.log");
        var hostHook = WriteScript(Path.Combine(b.Dir, "hook.sh"), LoggingHook);
        WriteScript(Path.Combine(b.RootfsDir, "hook.sh"), LoggingHook);
        HookSpec Host(string kind) => new() { Path = hostHook, Args = [hostHook, kind, hostLog] };
        b.Spec.Hooks = new HooksSpec
        {
            Prestart = [Host("prestart")],
            CreateRuntime = [Host("createRuntime")],
            // Runs in the container's namespaces before pivot_root: the host's paths still resolve.
            CreateContainer = [Host("createContainer")],
            // Resolved and run inside the container, after pivot_root: its log is in the rootfs.
            StartContainer = [new HookSpec { Path = "/hook.sh", Args = ["/hook.sh", "startContainer", "/hooks.log"] }],
            Poststart = [Host("poststart")],
            Poststop = [Host("poststop")],
        };
        b.Save();

        var created = h.Runtime("create", "--bundle", b.Dir, b.Id);
        Assert.True(created.ExitCode == 0, created.Describe());
        var pid = h.State(b.Id).GetProperty("pid").GetInt32();
        Assert.Equal(
            [$"prestart {b.Id} {pid} creating", $"createRuntime {b.Id} {pid} creating", $"createContainer {b.Id} {pid} creating"],
            File.ReadAllLines(hostLog));
        Assert.False(File.Exists(inContainerLog), "startContainer ran at create");

        var started = h.Runtime("start", b.Id);
        Assert.True(started.ExitCode == 0, started.Describe());
        Assert.Equal([$"startContainer {b.Id} {pid} created"], File.ReadAllLines(inContainerLog));
        Assert.Equal($"poststart {b.Id} {pid} running", File.ReadAllLines(hostLog)[^1]);
        // startContainer ran before the user's process.
        var seen = Path.Combine(b.RootfsDir, "tmp", "seen-by-process");
        LifecycleTests.WaitFor(() => File.Exists(seen) && File.ReadAllText(seen).Length > 0);
        Assert.StartsWith("startContainer", File.ReadAllText(seen));

        Assert.Equal(0, h.Runtime("kill", b.Id, "KILL").ExitCode);
        LifecycleTests.WaitFor(() => h.Status(b.Id) == "stopped");
        Assert.Equal(4, File.ReadAllLines(hostLog).Length); // nothing runs at kill
        var deleted = h.Runtime("delete", b.Id);
        Assert.True(deleted.ExitCode == 0, deleted.Describe());
        var lines = File.ReadAllLines(hostLog);
        Assert.Equal(5, lines.Length);
        Assert.Matches($"^poststop {b.Id} [0-9]* stopped$", lines[^1]);
        h.AssertNothingLeft(b.Id, b);
    }

    [RootFact]
    public void Prestart_Failing_FailsCreateNamingTheHookAndLeavesNothing()
    {
        var b = h.Bundle(["sleep", "100"]);
        var hook = WriteScript(Path.Combine(b.Dir, "failing-prestart.sh"), "#!/bin/sh\necho prestart-says-no >&2\nexit 3\n");
        b.Spec.Hooks = new HooksSpec { Prestart = [new HookSpec { Path = hook }] };
        b.Save();

        var r = h.Runtime("create", "--bundle", b.Dir, b.Id);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("prestart", r.Stderr);
        Assert.Contains(hook, r.Stderr);
        Assert.Contains("3", r.Stderr);
        h.AssertNothingLeft(b.Id, b);
        Assert.Empty(RuntimeHarness.ProcessesOf(b.Id));
        Assert.NotEqual(0, h.Runtime("state", b.Id).ExitCode);
    }

    [RootFact]
    public void CreateRuntime_PastItsTimeout_FailsCreateAndLeavesNothing()
    {
        var b = h.Bundle(["sleep", "100"]);
        // exec: the shell becomes the sleep, so the runtime's kill leaves no orphan behind.
        var pidFile = Path.Combine(b.Dir, "slow.pid");
        var hook = WriteScript(Path.Combine(b.Dir, "slow.sh"), $"#!/bin/sh\necho $$ > {pidFile}\nexec sleep 10\n");
        b.Spec.Hooks = new HooksSpec { CreateRuntime = [new HookSpec { Path = hook, Timeout = 1 }] };
        b.Save();

        var started = DateTime.UtcNow;
        var r = h.Runtime("create", "--bundle", b.Dir, b.Id);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("timed out", r.Stderr);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8), "create waited for the hook beyond its timeout");
        h.AssertNothingLeft(b.Id, b);
        Assert.Empty(RuntimeHarness.ProcessesOf(b.Id));
        var hookPid = File.ReadAllText(pidFile).Trim();
        LifecycleTests.WaitFor(() => !Directory.Exists($"/proc/{hookPid}") || File.ReadAllText($"/proc/{hookPid}/stat").Contains(") Z"));
    }

    [RootFact]
    public void Poststart_Failing_OnlyWarns()
    {
        var b = h.Bundle(["sleep", "100"]);
        var hook = WriteScript(Path.Combine(b.Dir, "failing-poststart.sh"), "#!/bin/sh\nexit 9\n");
        b.Spec.Hooks = new HooksSpec { Poststart = [new HookSpec { Path = hook }] };
        b.Save();

        Assert.Equal(0, h.Runtime("create", "--bundle", b.Dir, b.Id).ExitCode);
        var r = h.Runtime("start", b.Id);
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Contains("poststart", r.Stderr);
        Assert.Equal("running", h.Status(b.Id));
    }

    [RootFact]
    public void CreateContainer_RunsInTheContainersNamespaces()
    {
        var b = h.Bundle(["sleep", "100"], s => s.Hostname = "hooked");
        var log = Path.Combine(b.Dir, "ns.log");
        var hook = WriteScript(Path.Combine(b.Dir, "ns.sh"),
            $"#!/bin/sh\ncat > /dev/null\nreadlink /proc/self/ns/net /proc/self/ns/uts /proc/self/ns/mnt > {log}\n");
        b.Spec.Hooks = new HooksSpec { CreateContainer = [new HookSpec { Path = hook }] };
        b.Save();

        var r = h.Runtime("create", "--bundle", b.Dir, b.Id);
        Assert.True(r.ExitCode == 0, r.Describe());
        var pid = h.State(b.Id).GetProperty("pid").GetInt32();
        var expected = new[] { "net", "uts", "mnt" }.Select(n => new FileInfo($"/proc/{pid}/ns/{n}").LinkTarget!);
        Assert.Equal(expected, File.ReadAllLines(log));
    }

    static string WriteScript(string path, string text)
    {
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
        FileModes.Set(path, FileModes.Mode755);
        return path;
    }
}
