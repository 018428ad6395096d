using System.Text.Json;
using Cais.Runtime.Spec;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Runtime;

/// <summary>`exec`: a new process in a running container, in all its namespaces and its cgroup.</summary>
[Collection("containers")]
public sealed class ExecTests : IDisposable
{
    readonly RuntimeHarness h = new();

    public void Dispose() => h.Dispose();

    // /proc/PID/ns names of the namespaces the default spec creates.
    static readonly string[] DefaultNamespaces = ["pid", "net", "mnt", "ipc", "uts"];

    [RootFact]
    public void Exec_Running_JoinsEveryNamespaceOfTheInit()
    {
        var (b, initPid) = StartSleeper();
        // On a v1 or hybrid host the default spec has no cgroup namespace: the init and the
        // exec'd process share the host's (compared all the same).
        AssertJoinsNamespaces(b.Id, initPid, [.. DefaultNamespaces, "cgroup"]);
        foreach (var name in DefaultNamespaces)
            Assert.NotEqual(NamespaceOf("self", name), NamespaceOf(initPid.ToString(), name));
    }

    [RootFact]
    public void Exec_ContainerWithCgroupNamespace_JoinsItToo()
    {
        var (b, initPid) = StartSleeper(s =>
        {
            s.Linux!.Namespaces!.RemoveAll(n => n.Type == "cgroup");
            s.Linux.Namespaces.Add(new NamespaceSpec { Type = "cgroup" });
        });
        Assert.NotEqual(NamespaceOf("self", "cgroup"), NamespaceOf(initPid.ToString(), "cgroup"));
        AssertJoinsNamespaces(b.Id, initPid, [.. DefaultNamespaces, "cgroup"]);
    }

    [RootTheory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(77)]
    public void Exec_ExitCode_PassesThrough(int code)
    {
        var (b, _) = StartSleeper();
        var r = h.Runtime("exec", b.Id, "sh", "-c", $"echo out; exit {code}");
        Assert.Equal(code, r.ExitCode);
        Assert.Equal("out", r.Stdout.Trim());
        Assert.Equal("running", h.Status(b.Id));
    }

    [RootFact]
    public void Exec_Detach_ReturnsAtOnceAndTheProcessRuns()
    {
        var (b, initPid) = StartSleeper();
        var pidFile = Path.Combine(b.Dir, "exec.pid");
        var started = DateTime.UtcNow;
        var r = h.Runtime("exec", "--detach", "--pid-file", pidFile, b.Id, "sleep", "30");
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "exec --detach waited for its process");
        var pid = int.Parse(File.ReadAllText(pidFile));
        // A moment for anything that would end the process when the runtime exits.
        Thread.Sleep(300);
        var listed = PsPids(b.Id);
        Assert.True(listed.Contains(pid), $"ps lists [{string.Join(", ", listed)}], not the exec'd process {pid} ({Describe(pid)})");
        Assert.Contains(initPid, listed);
        Assert.Equal("sleep", File.ReadAllText($"/proc/{pid}/comm").Trim());
    }

    [RootFact]
    public void Exec_EnvCwdAndUser_TakeEffect()
    {
        var (b, _) = StartSleeper();
        var r = h.Runtime("exec", "-e", "GREETING=hello there", "--env", "OTHER=2", "--cwd", "/tmp", "--user", "1000:1000",
            b.Id, "sh", "-c", "echo \"$GREETING|$OTHER|$(pwd)|$(id -u):$(id -g)\"");
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal("hello there|2|/tmp|1000:1000", r.Stdout.Trim());
    }

    [RootFact]
    public void Exec_WithoutOverrides_InheritsTheContainersProcessSection()
    {
        var (b, _) = StartSleeper(s =>
        {
            s.Process!.Env = [.. s.Process.Env!, "FROM_SPEC=yes"];
            s.Process.Cwd = "/var";
        });
        var r = h.Runtime("exec", b.Id, "sh", "-c", "echo \"$FROM_SPEC|$(pwd)|$(id -u)\"");
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal("yes|/var|0", r.Stdout.Trim());
    }

    [RootFact]
    public void Exec_SeesFilesTheInitWrote()
    {
        var (b, _) = StartSleeper(args: ["sh", "-c", "echo from-init > /tmp/init-file; echo shm > /dev/shm/x; exec sleep 100"]);
        LifecycleTests.WaitFor(() => File.Exists(Path.Combine(b.RootfsDir, "tmp", "init-file")));
        var r = h.Runtime("exec", b.Id, "sh", "-c", "cat /tmp/init-file /dev/shm/x");
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal("from-init\nshm", r.Stdout.Trim());
    }

    [RootFact]
    public void Exec_StoppedContainer_FailsClearly()
    {
        var b = h.Bundle(["true"]);
        Assert.Equal(0, h.Runtime("run", "--detach", "--bundle", b.Dir, b.Id).ExitCode);
        LifecycleTests.WaitFor(() => h.Status(b.Id) == "stopped");
        var r = h.Runtime("exec", b.Id, "echo", "never");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("stopped", r.Stderr);
        Assert.Contains(b.Id, r.Stderr);
        Assert.DoesNotContain("never", r.Stdout);
        Assert.DoesNotContain("   at ", r.Stderr); // one line, no stack trace
    }

    [RootFact]
    public void Exec_UnknownContainer_FailsClearly()
    {
        var r = h.Runtime("exec", "no-such-container", "true");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no-such-container", r.Stderr);
    }

    [RootFact]
    public void Exec_ProcessJson_RunsThatProcess()
    {
        var (b, _) = StartSleeper();
        var processFile = Path.Combine(b.Dir, "process.json");
        File.WriteAllText(processFile, """
            {
              "terminal": false,
              "user": { "uid": 1234, "gid": 99 },
              "args": ["sh", "-c", "echo $(id -u):$(id -g):$(pwd):$FROM_JSON; exit 4"],
              "env": ["PATH=/bin:/usr/bin", "FROM_JSON=json"],
              "cwd": "/etc"
            }
            """);
        var r = h.Runtime("exec", "--process", processFile, b.Id);
        Assert.Equal(4, r.ExitCode);
        Assert.Equal("1234:99:/etc:json", r.Stdout.Trim());
    }

    [RootFact]
    public void Exec_Detached_ProcessIsInTheContainersCgroup()
    {
        var (b, initPid) = StartSleeper();
        var pidFile = Path.Combine(b.Dir, "exec.pid");
        var r = h.Runtime("exec", "--detach", "--pid-file", pidFile, b.Id, "sleep", "30");
        Assert.True(r.ExitCode == 0, r.Describe());
        var pid = int.Parse(File.ReadAllText(pidFile));
        Thread.Sleep(300);
        Assert.True(Directory.Exists($"/proc/{pid}") && !Describe(pid).Contains("State:\tZ"), $"exec'd process {pid} is gone: {Describe(pid)}");
        Assert.Equal(File.ReadAllText($"/proc/{initPid}/cgroup"), File.ReadAllText($"/proc/{pid}/cgroup"));
        Assert.Contains($"/cais/{b.Id}\n", File.ReadAllText($"/proc/{pid}/cgroup"));
    }

    [RootFact]
    public void Exec_Foreground_ProcessIsInTheContainersCgroup()
    {
        // Without a cgroup namespace the process sees its cgroup paths as the host does.
        var (b, initPid) = StartSleeper();
        var r = h.Runtime("exec", b.Id, "cat", "/proc/self/cgroup");
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal(File.ReadAllText($"/proc/{initPid}/cgroup"), r.Stdout);
    }

    [RootFact]
    public void Exec_ThenDelete_LeavesNothing()
    {
        var (b, _) = StartSleeper();
        Assert.Equal(0, h.Runtime("exec", b.Id, "true").ExitCode);
        Assert.Equal(0, h.Runtime("delete", "--force", b.Id).ExitCode);
        h.AssertNothingLeft(b.Id, b);
        Assert.Empty(RuntimeHarness.ProcessesOf(b.Id));
    }

    (TestBundle Bundle, int InitPid) StartSleeper(Action<RuntimeSpec>? configure = null, string[]? args = null)
    {
        var b = h.Bundle(args ?? ["sleep", "100"], configure);
        var r = h.Runtime("run", "--detach", "--bundle", b.Dir, b.Id);
        Assert.True(r.ExitCode == 0, r.Describe());
        return (b, h.State(b.Id).GetProperty("pid").GetInt32());
    }

    void AssertJoinsNamespaces(string id, int initPid, IEnumerable<string> names)
    {
        var list = names.ToList();
        var script = string.Join("; ", list.Select(n => $"readlink /proc/self/ns/{n}"));
        var r = h.Runtime("exec", id, "sh", "-c", script);
        Assert.True(r.ExitCode == 0, r.Describe());
        var inside = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = list.Select(n => NamespaceOf(initPid.ToString(), n)).ToArray();
        Assert.Equal(expected, inside);
    }

    static string NamespaceOf(string pid, string name) => new FileInfo($"/proc/{pid}/ns/{name}").LinkTarget!;

    List<int> PsPids(string id)
    {
        var r = h.Runtime("ps", "--format", "json", id);
        Assert.True(r.ExitCode == 0, r.Describe());
        return [.. JsonDocument.Parse(r.Stdout).RootElement.EnumerateArray().Select(e => e.GetInt32())];
    }

    static string Describe(int pid)
    {
        try { return string.Join(' ', File.ReadAllLines($"/proc/{pid}/status").Take(3)); }
        catch (IOException) { return "no such process"; }
    }
}
