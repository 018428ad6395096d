using System.Diagnostics;
using System.Text;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Runtime;

/// <summary>
/// `create` SIGKILLed midway: whatever it had made (state, cgroup, init) is found and removed by
/// `delete --force`, and no process of the container survives.
/// </summary>
public sealed partial class BadInputTests
{
    [RootFact]
    public void Create_KilledWhileACreateRuntimeHookRuns_DeleteForceLeavesNothing()
    {
        using var dir = new TempDir();
        var pidFile = Path.Combine(dir.Path, "hook.pid");
        var hook = Path.Combine(dir.Path, "hook.sh");
        // The pid file appears whole (rename); exec keeps the pid, so it is the sleep's.
        File.WriteAllText(hook, $"#!/bin/sh\necho $$ > {pidFile}.tmp && mv {pidFile}.tmp {pidFile}\nexec /bin/sleep 30\n");
        File.SetUnixFileMode(hook, FileModes.Mode755);
        var b = h.Bundle(["sleep", "100"], s => s.Hooks = new() { CreateRuntime = [new() { Path = hook }] });

        var create = RuntimeProcess.Start(h, "create", "--bundle", b.Dir, b.Id);
        int hookPid = 0;
        try
        {
            LifecycleTests.WaitFor(() => File.Exists(pidFile) || create.Process.HasExited, 20);
            Assert.False(create.Process.HasExited, $"create ended before its hook ran: {create.Output}");
            hookPid = int.Parse(File.ReadAllText(pidFile).Trim());
            // The init waits at the hooks point, in the container's cgroup.
            Assert.NotEmpty(RuntimeHarness.ProcessesOf(b.Id));
            create.KillAndWait();
        }
        finally
        {
            create.Dispose();
            KillIfStillSleep(hookPid);
        }

        Assert.Contains(h.Status(b.Id), new[] { "creating", "stopped" });
        var deleted = h.Runtime("delete", "--force", b.Id);
        Assert.True(deleted.ExitCode == 0, deleted.Describe());
        h.AssertNothingLeft(b.Id, b);
        LifecycleTests.WaitFor(() => RuntimeHarness.ProcessesOf(b.Id).Count == 0, 5);
        Assert.NotEqual(0, h.Runtime("state", b.Id).ExitCode);
    }

    [RootFact]
    public void Create_KilledAtSteppedDelays_DeleteForceAlwaysLeavesNothing()
    {
        var b = h.Bundle(["sleep", "100"]);
        for (int i = 0; i < 15; i++)
        {
            var id = $"{b.Id}-k{i}";
            var delay = TimeSpan.FromMilliseconds(i * 3);
            var create = RuntimeProcess.Start(h, "create", "--bundle", b.Dir, id);
            try
            {
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed < delay) Thread.SpinWait(100);
                create.KillAndWait();
            }
            finally
            {
                create.Dispose();
            }
            var deleted = h.Runtime("delete", "--force", id);
            Assert.True(deleted.ExitCode == 0 || deleted.Stderr.Contains("does not exist"),
                $"delete --force after a kill at {delay.TotalMilliseconds} ms: {deleted.Describe()}");
            h.AssertNothingLeft(id, b);
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (RuntimeHarness.ProcessesOf(id).Count > 0 && DateTime.UtcNow < deadline) Thread.Sleep(20);
            Assert.True(RuntimeHarness.ProcessesOf(id).Count == 0,
                $"after a kill at {delay.TotalMilliseconds} ms, processes left: {string.Join(' ', RuntimeHarness.ProcessesOf(id).Select(Describe))}");
        }
    }

    /// <summary>Kills <paramref name="pid"/> only if it is still the hook's sleep (never a reused pid).</summary>
    static void KillIfStillSleep(int pid)
    {
        if (pid <= 0) return;
        try
        {
            if (!File.ReadAllText($"/proc/{pid}/cmdline").StartsWith("/bin/sleep\0")) return;
            using var p = Process.GetProcessById(pid);
            p.Kill();
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException) { }
    }

    static string Describe(int pid)
    {
        try { return $"{pid}:{File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim()}"; }
        catch (IOException) { return pid.ToString(); }
    }

    /// <summary>`cais runtime` as a process the test can SIGKILL; its output is collected for messages.</summary>
    sealed class RuntimeProcess : IDisposable
    {
        readonly StringBuilder output = new();

        RuntimeProcess(Process process) => Process = process;

        public Process Process { get; }

        public string Output { get { lock (output) return output.ToString(); } }

        public static RuntimeProcess Start(RuntimeHarness h, params string[] args)
        {
            var info = new ProcessStartInfo(CaisBinary.Path)
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var a in (string[])["runtime", "--root", h.StateRoot, .. args]) info.ArgumentList.Add(a);
            var p = Process.Start(info)!;
            var rp = new RuntimeProcess(p);
            p.OutputDataReceived += (_, e) => rp.Append(e.Data);
            p.ErrorDataReceived += (_, e) => rp.Append(e.Data);
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            p.StandardInput.Close();
            return rp;
        }

        void Append(string? line)
        {
            if (line is null) return;
            lock (output) output.AppendLine(line);
        }

        /// <summary>SIGKILL (if it still runs) and wait for the exit; the output pipes may stay open in an init it left.</summary>
        public void KillAndWait()
        {
            try { Process.Kill(); }
            catch (InvalidOperationException) { } // it had exited
            Assert.True(Process.WaitForExit(TimeSpan.FromSeconds(10)), "the runtime did not die");
        }

        public void Dispose()
        {
            if (!Process.HasExited) KillAndWait();
            Process.Dispose();
        }
    }
}
