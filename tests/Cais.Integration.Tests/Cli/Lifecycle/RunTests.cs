using System.Text.RegularExpressions;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Cli.Lifecycle;

/// <summary>`cais run` end to end against a real daemon: output, exit codes, options, --rm, -d, -i.</summary>
public sealed class RunTests(CaisDaemonFixture daemon) : IClassFixture<CaisDaemonFixture>
{
    [RootFact]
    public void Run_Echo_PrintsTheOutputAndExits0()
    {
        var r = daemon.Cais("run", "--rm", "busybox", "echo", "hello");
        Assert.Equal((0, "hello\n"), (r.ExitCode, r.Stdout));
    }

    [RootFact]
    public void Run_StdoutAndStderr_GoWhereTheContainerWroteThem()
    {
        var r = daemon.Cais("run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2");
        Assert.Equal(("out\n", "err\n"), (r.Stdout, r.Stderr));
    }

    [RootFact]
    public void Run_ExitCode_IsTheContainers() => Assert.Equal(3, daemon.Cais("run", "--rm", "busybox", "sh", "-c", "exit 3").ExitCode);

    [RootFact]
    public void Run_MissingExecutable_Exits127WithTheDaemonsWords()
    {
        var r = daemon.Cais("run", "--rm", "busybox", "/no/such/binary");
        Assert.Equal(127, r.ExitCode);
        Assert.StartsWith("cais: Error response from daemon: ", r.Stderr);
        Assert.Contains("no such file or directory", r.Stderr);
        Assert.Contains("Run 'cais run --help' for more information", r.Stderr);
    }

    [RootFact]
    public void Run_NotExecutable_Exits126() => Assert.Equal(126, daemon.Cais("run", "--rm", "busybox", "/etc").ExitCode);

    [RootFact]
    public void Run_FailedStartWithRm_LeavesNoContainer()
    {
        var name = Containers.UniqueName("run-rm-fail");
        Assert.Equal(127, daemon.Cais("run", "--rm", "--name", name, "busybox", "/no/such").ExitCode);
        Assert.True(Containers.GoneEventually(daemon, name));
    }

    [RootFact]
    public void Run_UnknownImage_Exits125AfterTryingToPull()
    {
        var r = daemon.Cais("run", "--rm", "nosuch-image-for-cais-tests", "true");
        Assert.Equal(125, r.ExitCode);
        Assert.Contains("Unable to find image 'nosuch-image-for-cais-tests:latest' locally", r.Stderr);
        Assert.Contains("cais: Error response from daemon: ", r.Stderr);
    }

    [RootFact]
    public void Run_PullNever_DoesNotTryToPull()
    {
        var r = daemon.Cais("run", "--rm", "--pull", "never", "nosuch-image-for-cais-tests", "true");
        Assert.Equal(125, r.ExitCode);
        Assert.DoesNotContain("Unable to find image", r.Stderr);
        Assert.Contains("No such image", r.Stderr);
    }

    [RootFact]
    public void Run_Rm_LeavesNoContainer()
    {
        var name = Containers.UniqueName("run-rm");
        Assert.Equal(0, daemon.Cais("run", "--rm", "--name", name, "busybox", "true").ExitCode);
        Assert.Null(Containers.Inspect(daemon, name));
    }

    [RootFact]
    public void Run_WithoutRm_KeepsTheExitedContainer()
    {
        var name = Containers.UniqueName("run-keep");
        try
        {
            Assert.Equal(0, daemon.Cais("run", "--name", name, "busybox", "true").ExitCode);
            Assert.Equal("exited", Containers.Status(daemon, name));
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void Run_Detached_PrintsTheFullIdAndLeavesItRunning()
    {
        var name = Containers.UniqueName("run-d");
        try
        {
            var r = daemon.Succeed("run", "-d", "--name", name, "busybox", "sleep", "300");
            Assert.Matches(new Regex("^[0-9a-f]{64}\n$"), r.Stdout);
            Assert.Equal(r.Stdout.Trim(), Containers.Inspect(daemon, name)!.Value.GetProperty("Id").GetString());
            Assert.Equal("running", Containers.Status(daemon, name));
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void Run_DetachedWithRm_RemovesTheContainerWhenItExits()
    {
        var name = Containers.UniqueName("run-d-rm");
        daemon.Succeed("run", "-d", "--rm", "--name", name, "busybox", "true");
        Assert.True(Containers.GoneEventually(daemon, name));
    }

    [RootFact]
    public void Run_EnvWorkdirUser()
    {
        Assert.Equal("bar\n", daemon.Succeed("run", "--rm", "-e", "FOO=bar", "busybox", "sh", "-c", "echo $FOO").Stdout);
        Assert.Equal("/tmp\n", daemon.Succeed("run", "--rm", "-w", "/tmp", "busybox", "pwd").Stdout);
        Assert.Equal("1234:5\n", daemon.Succeed("run", "--rm", "-u", "1234:5", "busybox", "sh", "-c", "echo $(id -u):$(id -g)").Stdout);
    }

    [RootFact]
    public void Run_EnvFile_ThenEnvFlags()
    {
        using var dir = new TempDir("cais-run-envfile-");
        var file = dir.Combine("app.env");
        File.WriteAllText(file, "# settings\nA=from-file\nB=also-from-file\n");
        var r = daemon.Succeed("run", "--rm", "--env-file", file, "-e", "A=from-flag", "busybox", "sh", "-c", "echo $A $B");
        Assert.Equal("from-flag also-from-file\n", r.Stdout);
    }

    [RootFact]
    public void Run_MissingEnvFile_Exits125BeforeCreatingAnything()
    {
        var r = daemon.Cais("run", "--rm", "--env-file", "/nonexistent/cais.env", "busybox", "true");
        Assert.Equal(125, r.ExitCode);
        Assert.StartsWith("cais: open /nonexistent/cais.env: no such file or directory", r.Stderr);
    }

    [RootFact]
    public void Run_Entrypoint_ReplacesTheImages()
    {
        Assert.Equal("a b\n", daemon.Succeed("run", "--rm", "--entrypoint", "/bin/echo", "busybox", "a", "b").Stdout);
    }

    [RootFact]
    public void Run_Interactive_PassesStdinAndClosesIt()
    {
        var r = daemon.Cais(["run", "--rm", "-i", "busybox", "cat"], stdin: "stdin-through\nsecond line\n");
        Assert.Equal((0, "stdin-through\nsecond line\n"), (r.ExitCode, r.Stdout));
    }

    [RootFact]
    public void Run_WithoutInteractive_TheContainerHasNoStdin()
    {
        var r = daemon.Cais(["run", "--rm", "busybox", "cat"], stdin: "ignored\n");
        Assert.Equal((0, ""), (r.ExitCode, r.Stdout));
    }

    [RootFact]
    public void Run_NameInUse_Exits125WithTheConflict()
    {
        var name = Containers.UniqueName("run-conflict");
        try
        {
            daemon.Succeed("create", "--name", name, "busybox", "true");
            var r = daemon.Cais("run", "--name", name, "busybox", "true");
            Assert.Equal(125, r.ExitCode);
            Assert.Contains($"The container name \"/{name}\" is already in use", r.Stderr);
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void Run_BadFlag_Exits125WithUsage()
    {
        var r = daemon.Cais("run", "--no-such-flag", "busybox");
        Assert.Equal(125, r.ExitCode);
        Assert.Equal("unknown flag: --no-such-flag\n\nUsage:  cais run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'cais run --help' for more information\n", r.Stderr);
    }

    [RootFact]
    public void Run_BadValue_Exits125NamingTheFlag()
    {
        var r = daemon.Cais("run", "-m", "1x", "busybox");
        Assert.Equal(125, r.ExitCode);
        Assert.StartsWith("invalid argument \"1x\" for \"-m, --memory\" flag: invalid suffix: 'x'", r.Stderr);
    }

    [RootFact]
    public void Run_NoImage_Exits1()
    {
        var r = daemon.Cais("run");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("cais: 'cais run' requires at least 1 argument", r.Stderr);
    }

    [RootFact]
    public void Run_RmAndRestart_Conflict()
    {
        var r = daemon.Cais("run", "--rm", "--restart", "always", "busybox", "true");
        Assert.Equal(125, r.ExitCode);
        Assert.StartsWith("cais: conflicting options: cannot specify both --restart and --rm", r.Stderr);
    }

    [RootFact]
    public void Run_Help_PrintsUsageAndExits0()
    {
        var r = daemon.Cais("run", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("Usage:  cais run [OPTIONS] IMAGE [COMMAND] [ARG...]", r.Stdout);
        Assert.Contains("--memory bytes", r.Stdout);
    }

    [RootFact]
    public void Run_Options_ReachTheDaemon()
    {
        var name = Containers.UniqueName("run-opts");
        try
        {
            daemon.Succeed("create", "--name", name, "-m", "64m", "--cpus", "1.5", "--pids-limit", "20", "--ulimit", "nofile=1024:2048",
                "--restart", "on-failure:3", "--read-only", "--cap-add", "NET_ADMIN", "--security-opt", "no-new-privileges",
                "--shm-size", "16m", "--init", "--stop-signal", "SIGUSR1", "--stop-timeout", "4", "-l", "team=cais", "--hostname", "box",
                "--health-cmd", "true", "--health-interval", "5s", "busybox", "true");
            var c = Containers.Inspect(daemon, name)!.Value;
            var h = c.GetProperty("HostConfig");
            Assert.Equal(64L * 1024 * 1024, h.GetProperty("Memory").GetInt64());
            Assert.Equal(1_500_000_000, h.GetProperty("NanoCpus").GetInt64());
            Assert.Equal(20, h.GetProperty("PidsLimit").GetInt64());
            var ulimit = Assert.Single(h.GetProperty("Ulimits").EnumerateArray().ToList());
            Assert.Equal(("nofile", 1024L, 2048L), (ulimit.GetProperty("Name").GetString(), ulimit.GetProperty("Soft").GetInt64(), ulimit.GetProperty("Hard").GetInt64()));
            Assert.Equal("on-failure", h.GetProperty("RestartPolicy").GetProperty("Name").GetString());
            Assert.Equal(3, h.GetProperty("RestartPolicy").GetProperty("MaximumRetryCount").GetInt32());
            Assert.True(h.GetProperty("ReadonlyRootfs").GetBoolean());
            Assert.Equal("NET_ADMIN", Assert.Single(h.GetProperty("CapAdd").EnumerateArray().ToList()).GetString());
            Assert.Equal(16L * 1024 * 1024, h.GetProperty("ShmSize").GetInt64());
            Assert.True(h.GetProperty("Init").GetBoolean());
            var config = c.GetProperty("Config");
            Assert.Equal("SIGUSR1", config.GetProperty("StopSignal").GetString());
            Assert.Equal(4, config.GetProperty("StopTimeout").GetInt32());
            Assert.Equal("cais", config.GetProperty("Labels").GetProperty("team").GetString());
            Assert.Equal("box", config.GetProperty("Hostname").GetString());
            Assert.Equal(5_000_000_000, config.GetProperty("Healthcheck").GetProperty("Interval").GetInt64());
        }
        finally
        {
            Containers.Remove(daemon, name);
        }
    }

    [RootFact]
    public void Run_MemoryLimit_IsEnforced()
    {
        var r = daemon.Cais("run", "--rm", "-m", "32m", "busybox", "sh", "-c", "head -c 200m /dev/zero | tail > /dev/null");
        Assert.Equal(137, r.ExitCode);
    }

    [RootFact]
    public void Run_SigProxy_ForwardsSignalsToTheContainer()
    {
        var info = new System.Diagnostics.ProcessStartInfo(CaisBinary.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-H", daemon.Host, "run", "--rm", "busybox", "sh", "-c",
            "trap 'echo got-term; exit 9' TERM; echo ready; while true; do sleep 0.1; done" })
            info.ArgumentList.Add(a);
        info.Environment["CAIS_NO_AUTOSTART"] = "1";
        using var client = System.Diagnostics.Process.Start(info)!;
        Assert.Equal("ready", client.StandardOutput.ReadLine());
        ProcessRunner.Run("kill", ["-TERM", client.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).EnsureSuccess();
        Assert.Equal("got-term", client.StandardOutput.ReadLine());
        Assert.True(client.WaitForExit(30_000), "the client did not end with its container");
        Assert.Equal(9, client.ExitCode);
    }
}
