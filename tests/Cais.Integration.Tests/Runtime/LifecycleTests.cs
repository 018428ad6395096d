using Cais.TestSupport;

namespace Cais.Integration.Tests.Runtime;

/// <summary>create, start, state, kill, delete, list, ps and the runtime-spec's states.</summary>
[Collection("containers")]
public sealed class LifecycleTests : IDisposable
{
    readonly RuntimeHarness h = new();

    public void Dispose() => h.Dispose();

    [RootFact]
    public void CreateStartKillDelete_WalksThroughTheSpecStatesAndLeavesNothing()
    {
        var b = h.Bundle(["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done"]);
        var created = h.Runtime("create", "--bundle", b.Dir, b.Id);
        Assert.True(created.ExitCode == 0, created.Describe());
        var state = h.State(b.Id);
        Assert.Equal("created", state.GetProperty("status").GetString());
        Assert.Equal(b.Id, state.GetProperty("id").GetString());
        Assert.Equal(b.Dir, state.GetProperty("bundle").GetString());
        var pid = state.GetProperty("pid").GetInt32();
        Assert.True(pid > 0);
        Assert.Contains(b.Id, h.Runtime("list").Stdout);

        Assert.Equal(0, h.Runtime("start", b.Id).ExitCode);
        Assert.Equal("running", h.Status(b.Id));
        Assert.Equal(pid, h.State(b.Id).GetProperty("pid").GetInt32());

        Assert.Equal(0, h.Runtime("kill", b.Id, "TERM").ExitCode);
        WaitFor(() => h.Status(b.Id) == "stopped");
        Assert.Equal(0, h.State(b.Id).GetProperty("pid").GetInt32());

        Assert.Equal(0, h.Runtime("delete", b.Id).ExitCode);
        h.AssertNothingLeft(b.Id, b);
        Assert.Empty(RuntimeHarness.ProcessesOf(b.Id));
        Assert.NotEqual(0, h.Runtime("state", b.Id).ExitCode);
    }

    [RootTheory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(42)]
    public void Run_ExitCode_PassesThrough(int code)
    {
        var r = h.Run(["sh", "-c", $"exit {code}"]);
        Assert.Equal(code, r.ExitCode);
    }

    [RootFact]
    public void Run_ProcessKilledBySignal_ExitsWith128PlusSignal()
    {
        // Without a PID namespace: the init of one ignores the signals it sends itself.
        var r = h.Run(["sh", "-c", "kill -9 $$"], s => s.Linux!.Namespaces!.RemoveAll(n => n.Type == "pid"));
        Assert.Equal(137, r.ExitCode);
    }

    [RootFact]
    public void Run_Output_ReachesTheCallersStdoutAndStderr()
    {
        var r = h.Run(["sh", "-c", "echo out; echo err >&2"]);
        Assert.Equal("out", r.Stdout.Trim());
        Assert.Contains("err", r.Stderr);
    }

    [RootFact]
    public void Run_Stdin_ReachesTheContainer()
    {
        var b = h.Bundle(["sh", "-c", "read line; echo got:$line"]);
        var r = h.RuntimeWithInput("hello\n", "run", "--bundle", b.Dir, b.Id);
        Assert.Equal("got:hello", r.Stdout.Trim());
    }

    [RootFact]
    public void Kill_DeliversTheNamedSignal()
    {
        var b = h.Bundle(["sh", "-c", "trap 'echo usr1 > /tmp/got; exit 7' USR1; while true; do sleep 0.05; done"]);
        Assert.Equal(0, h.Runtime("run", "--detach", "--bundle", b.Dir, b.Id).ExitCode);
        Assert.Equal(0, h.Runtime("kill", b.Id, "SIGUSR1").ExitCode);
        WaitFor(() => h.Status(b.Id) == "stopped");
        Assert.Equal("usr1", File.ReadAllText(Path.Combine(b.RootfsDir, "tmp", "got")).Trim());
        Assert.Equal(0, h.Runtime("delete", b.Id).ExitCode);
        h.AssertNothingLeft(b.Id, b);
    }

    [RootFact]
    public void Kill_All_SignalsEveryProcessInTheContainer()
    {
        var b = h.Bundle(["sh", "-c", "sleep 100 & sleep 100 & wait"]);
        Assert.Equal(0, h.Runtime("run", "--detach", "--bundle", b.Dir, b.Id).ExitCode);
        WaitFor(() => h.Runtime("ps", "--format", "json", b.Id).Stdout.Count(c => c == ',') >= 2);
        Assert.Equal(0, h.Runtime("kill", "--all", b.Id, "KILL").ExitCode);
        WaitFor(() => h.Status(b.Id) == "stopped");
        Assert.Equal(0, h.Runtime("delete", b.Id).ExitCode);
    }

    [RootFact]
    public void Delete_RunningWithoutForce_IsRefused()
    {
        var b = h.Bundle(["sleep", "100"]);
        Assert.Equal(0, h.Runtime("run", "--detach", "--bundle", b.Dir, b.Id).ExitCode);
        var r = h.Runtime("delete", b.Id);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("not stopped", r.Stderr);
        Assert.Equal("running", h.Status(b.Id));
        Assert.Equal(0, h.Runtime("delete", "--force", b.Id).ExitCode);
        h.AssertNothingLeft(b.Id, b);
        Assert.Empty(RuntimeHarness.ProcessesOf(b.Id));
    }

    [RootFact]
    public void Delete_CreatedContainer_KillsItsWaitingInit()
    {
        var b = h.Bundle(["true"]);
        Assert.Equal(0, h.Runtime("create", "--bundle", b.Dir, b.Id).ExitCode);
        var pid = h.State(b.Id).GetProperty("pid").GetInt32();
        Assert.Equal(0, h.Runtime("delete", b.Id).ExitCode);
        WaitFor(() => !Directory.Exists($"/proc/{pid}") || File.ReadAllText($"/proc/{pid}/stat").Contains(") Z"));
        h.AssertNothingLeft(b.Id, b);
    }

    [RootFact]
    public void Start_Twice_IsRefused()
    {
        var b = h.Bundle(["sleep", "100"]);
        Assert.Equal(0, h.Runtime("create", "--bundle", b.Dir, b.Id).ExitCode);
        Assert.Equal(0, h.Runtime("start", b.Id).ExitCode);
        var again = h.Runtime("start", b.Id);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("running", again.Stderr);
    }

    [RootFact]
    public void Create_SameIdTwice_IsRefused()
    {
        var b = h.Bundle(["sleep", "100"]);
        Assert.Equal(0, h.Runtime("create", "--bundle", b.Dir, b.Id).ExitCode);
        var again = h.Runtime("create", "--bundle", b.Dir, b.Id);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Stderr);
        Assert.Equal("created", h.Status(b.Id));
    }

    [RootFact]
    public void Ps_ListsTheContainersProcesses()
    {
        var b = h.Bundle(["sh", "-c", "sleep 101 & sleep 102 & wait"]);
        Assert.Equal(0, h.Runtime("run", "--detach", "--bundle", b.Dir, b.Id).ExitCode);
        WaitFor(() => h.Runtime("ps", b.Id).Stdout.Contains("sleep 102"));
        var table = h.Runtime("ps", b.Id).Stdout;
        Assert.Contains("PID", table);
        Assert.Contains("sleep 101", table);
        Assert.DoesNotContain("xunit", table);
        var json = h.Runtime("ps", "--format", "json", b.Id).Stdout;
        Assert.Equal(3, System.Text.Json.JsonDocument.Parse(json).RootElement.GetArrayLength());
    }

    [RootFact]
    public void List_Json_HasStateObjects()
    {
        var b = h.Bundle(["sleep", "100"]);
        Assert.Equal(0, h.Runtime("create", "--bundle", b.Dir, b.Id).ExitCode);
        var doc = System.Text.Json.JsonDocument.Parse(h.Runtime("list", "--format", "json").Stdout).RootElement;
        var entry = doc.EnumerateArray().Single(e => e.GetProperty("id").GetString() == b.Id);
        Assert.Equal("created", entry.GetProperty("status").GetString());
        Assert.Equal(b.Id + "\n", h.Runtime("list", "-q").Stdout);
    }

    [RootFact]
    public void PidFile_HoldsTheInitsPid()
    {
        var b = h.Bundle(["sleep", "100"]);
        var pidFile = Path.Combine(b.Dir, "init.pid");
        Assert.Equal(0, h.Runtime("create", "--bundle", b.Dir, "--pid-file", pidFile, b.Id).ExitCode);
        Assert.Equal(h.State(b.Id).GetProperty("pid").GetInt32().ToString(), File.ReadAllText(pidFile));
    }

    [RootFact]
    public void Spec_WritesADefaultConfigOnce()
    {
        using var dir = new TempDir();
        Assert.Equal(0, h.Runtime("spec", "--bundle", dir.Path).ExitCode);
        var spec = Cais.Runtime.Spec.SpecLoader.Parse(File.ReadAllText(Path.Combine(dir.Path, "config.json")), "config.json");
        Assert.Equal(["sh"], spec.Process!.Args);
        var again = h.Runtime("spec", "--bundle", dir.Path);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("exists", again.Stderr);
    }

    [RootFact]
    public void Run_SignalToTheRuntime_IsForwardedToTheContainer()
    {
        var b = h.Bundle(["sh", "-c", "trap 'echo got-term; exit 9' TERM; echo ready; while true; do sleep 0.05; done"]);
        var psi = new System.Diagnostics.ProcessStartInfo(CaisBinary.Path, ["runtime", "--root", h.StateRoot, "run", "--bundle", b.Dir, b.Id])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var run = System.Diagnostics.Process.Start(psi)!;
        try
        {
            Assert.Equal("ready", run.StandardOutput.ReadLine());
            Assert.Equal(0, Kill(run.Id, 15));
            Assert.True(run.WaitForExit(10_000), "the runtime did not exit after the container did");
            Assert.Equal("got-term", run.StandardOutput.ReadLine());
            Assert.Equal(9, run.ExitCode);
            h.AssertNothingLeft(b.Id, b);
        }
        finally
        {
            if (!run.HasExited) run.Kill(entireProcessTree: true);
        }
    }

    [RootFact]
    public void Run_Keep_LeavesTheStoppedContainerForDelete()
    {
        var b = h.Bundle(["sh", "-c", "exit 4"]);
        Assert.Equal(4, h.Runtime("run", "--keep", "--bundle", b.Dir, b.Id).ExitCode);
        Assert.Equal("stopped", h.Status(b.Id));
        Assert.Equal(0, h.Runtime("delete", b.Id).ExitCode);
        h.AssertNothingLeft(b.Id, b);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    static extern int Kill(int pid, int signal);

    internal static void WaitFor(Func<bool> condition, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("condition not met in time");
            Thread.Sleep(20);
        }
    }
}
