using Cais.Api.Models.Containers;
using Cais.Cli.Containers;
using Cais.CommandLine;

namespace Cais.Cli.Tests.Containers;

/// <summary>run/create command lines and the create request they make, field by field.</summary>
public class ContainerRequestBuilderTests
{
    static ContainerCreateRequest Build(params string[] args)
    {
        var flags = new FlagSet("run") { Interspersed = false };
        var options = new ContainerFlags(flags, name => name == "HOME_VAR" ? "/home/x" : null);
        var rest = flags.Parse(args);
        return ContainerRequestBuilder.Build(options, rest[0], rest.Skip(1).ToList());
    }

    static string FlagError(params string[] args)
    {
        var flags = new FlagSet("run") { Interspersed = false };
        _ = new ContainerFlags(flags);
        return Assert.Throws<FlagException>(() => flags.Parse(args)).Message;
    }

    [Fact]
    public void Build_Defaults_LeaveEverythingToTheDaemonAndImage()
    {
        var r = Build("busybox");
        Assert.Equal("busybox", r.Image);
        Assert.Null(r.Cmd);
        Assert.Null(r.Entrypoint);
        Assert.True(r.AttachStdout && r.AttachStderr);
        Assert.False(r.AttachStdin || r.OpenStdin || r.StdinOnce || r.Tty);
        Assert.Equal("default", r.HostConfig!.NetworkMode);
        Assert.Equal("no", r.HostConfig.RestartPolicy.Name);
        Assert.Null(r.HostConfig.PidsLimit);
        Assert.Null(r.HostConfig.Init);
        Assert.Null(r.StopTimeout);
        Assert.Empty(r.NetworkingConfig!.EndpointsConfig!);
    }

    [Fact]
    public void Build_CommandAfterImage_IsNotParsedAsFlags()
    {
        var r = Build("-e", "A=1", "busybox", "sh", "-c", "echo -e hi");
        Assert.Equal(["sh", "-c", "echo -e hi"], r.Cmd);
        Assert.Equal(["A=1"], r.Env);
    }

    [Fact]
    public void Build_Resources()
    {
        var r = Build("-m", "64m", "--memory-swap", "-1", "--memory-reservation", "32m", "--cpus", "1.5", "--cpu-shares", "512",
            "--cpuset-cpus", "0-1", "--pids-limit", "20", "--shm-size", "128m", "--ulimit", "nofile=1024:2048", "--ulimit", "nproc=10",
            "busybox");
        var h = r.HostConfig!;
        Assert.Equal(64L * 1024 * 1024, h.Memory);
        Assert.Equal(-1, h.MemorySwap);
        Assert.Equal(32L * 1024 * 1024, h.MemoryReservation);
        Assert.Equal(1_500_000_000, h.NanoCpus);
        Assert.Equal(512, h.CpuShares);
        Assert.Equal("0-1", h.CpusetCpus);
        Assert.Equal(20, h.PidsLimit);
        Assert.Equal(128L * 1024 * 1024, h.ShmSize);
        Assert.Equal([("nofile", 1024L, 2048L), ("nproc", 10L, 10L)], h.Ulimits!.Select(u => (u.Name, u.Soft, u.Hard)));
    }

    [Fact]
    public void Build_ProcessAndIdentity()
    {
        var r = Build("-w", "/tmp", "-u", "1234:5", "--entrypoint", "/bin/sh", "--hostname", "box", "-l", "a=1", "--label", "b",
            "--stop-signal", "SIGUSR1", "--stop-timeout", "3", "--init", "-e", "HOME_VAR", "-e", "GONE", "busybox", "-c", "id");
        Assert.Equal("/tmp", r.WorkingDir);
        Assert.Equal("1234:5", r.User);
        Assert.Equal(["/bin/sh"], r.Entrypoint);
        Assert.Equal(["-c", "id"], r.Cmd);
        Assert.Equal("box", r.Hostname);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "" }, r.Labels);
        Assert.Equal("SIGUSR1", r.StopSignal);
        Assert.Equal(3, r.StopTimeout);
        Assert.True(r.HostConfig!.Init);
        Assert.Equal(["HOME_VAR=/home/x", "GONE"], r.Env);
    }

    [Fact]
    public void Build_EmptyEntrypoint_ResetsTheImagesEntrypoint() => Assert.Equal([""], Build("--entrypoint", "", "busybox").Entrypoint);

    [Fact]
    public void Build_Interactive_OpensAndAttachesStdinOnce()
    {
        var r = Build("-it", "busybox");
        Assert.True(r.OpenStdin && r.AttachStdin && r.StdinOnce && r.Tty);
    }

    [Fact]
    public void Build_AttachFlags_ChooseTheStreams()
    {
        var r = Build("-a", "stderr", "busybox");
        Assert.False(r.AttachStdout || r.AttachStdin);
        Assert.True(r.AttachStderr);
    }

    [Fact]
    public void Build_Security()
    {
        var r = Build("--privileged", "--read-only", "--cap-add", "NET_ADMIN", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
            "--security-opt", "systempaths=unconfined", "--sysctl", "net.ipv4.ip_forward=1", "busybox");
        var h = r.HostConfig!;
        Assert.True(h.Privileged && h.ReadonlyRootfs);
        Assert.Equal(["NET_ADMIN"], h.CapAdd);
        Assert.Equal(["ALL"], h.CapDrop);
        Assert.Equal(["no-new-privileges"], h.SecurityOpt);
        Assert.Empty(h.MaskedPaths!);
        Assert.Empty(h.ReadonlyPaths!);
        Assert.Equal("1", h.Sysctls!["net.ipv4.ip_forward"]);
    }

    [Theory]
    [InlineData("on-failure:3", "on-failure", 3)]
    [InlineData("always", "always", 0)]
    [InlineData("unless-stopped", "unless-stopped", 0)]
    public void Build_RestartPolicy(string text, string name, int retries)
    {
        var p = Build("--restart", text, "busybox").HostConfig!.RestartPolicy;
        Assert.Equal((name, retries), (p.Name, p.MaximumRetryCount));
    }

    [Fact]
    public void Build_RmWithRestart_Conflicts() =>
        Assert.Equal("conflicting options: cannot specify both --restart and --rm",
            Assert.Throws<InvalidOptionException>(() => Build("--rm", "--restart", "always", "busybox")).Message);

    [Fact]
    public void Build_RmWithRestartNo_IsFine() => Assert.True(Build("--rm", "--restart", "no", "busybox").HostConfig!.AutoRemove);

    [Fact]
    public void Build_HealthFlags()
    {
        var r = Build("--health-cmd", "true", "--health-interval", "2s", "--health-timeout", "1s", "--health-retries", "3",
            "--health-start-period", "500ms", "busybox");
        var h = r.Healthcheck!;
        Assert.Equal(["CMD-SHELL", "true"], h.Test);
        Assert.Equal((2_000_000_000L, 1_000_000_000L, 3, 500_000_000L), (h.Interval, h.Timeout, h.Retries, h.StartPeriod));
    }

    [Fact]
    public void Build_NoHealthcheck()
    {
        Assert.Equal(["NONE"], Build("--no-healthcheck", "busybox").Healthcheck!.Test);
        Assert.Throws<InvalidOptionException>(() => Build("--no-healthcheck", "--health-retries", "1", "busybox"));
    }

    [Fact]
    public void Build_LoggingAndStorage()
    {
        var r = Build("--log-driver", "json-file", "--log-opt", "max-size=1m", "-v", "/host:/ctr:ro", "-v", "/anon",
            "--tmpfs", "/run:size=1m", "--mount", "type=bind,src=/a,dst=/b", "--volumes-from", "other:ro", "busybox");
        var h = r.HostConfig!;
        Assert.Equal("json-file", h.LogConfig.Type);
        Assert.Equal("1m", h.LogConfig.Config!["max-size"]);
        Assert.Equal(["/host:/ctr:ro"], h.Binds);
        Assert.Equal(["/anon"], r.Volumes!.Keys);
        Assert.Equal("size=1m", h.Tmpfs!["/run"]);
        Assert.Equal("/b", Assert.Single(h.Mounts!).Target);
        Assert.Equal(["other:ro"], h.VolumesFrom);
    }

    [Fact]
    public void Build_LogOptsWithDriverNone_Conflict() =>
        Assert.Throws<InvalidOptionException>(() => Build("--log-driver", "none", "--log-opt", "a=b", "busybox"));

    [Fact]
    public void Build_Network()
    {
        var r = Build("--network", "none", "-p", "8080:80", "--expose", "9090", "--add-host", "db:10.0.0.2", "--dns", "1.1.1.1", "busybox");
        var h = r.HostConfig!;
        Assert.Equal("none", h.NetworkMode);
        Assert.Equal(["80/tcp", "9090/tcp"], r.ExposedPorts!.Keys.Order());
        Assert.Equal("8080", Assert.Single(h.PortBindings!["80/tcp"]!).HostPort);
        Assert.Equal(["db:10.0.0.2"], h.ExtraHosts);
        Assert.Equal(["1.1.1.1"], h.Dns);
        Assert.Empty(r.NetworkingConfig!.EndpointsConfig!);
    }

    [Fact]
    public void Build_UserDefinedNetworkWithAliasAndIp_SendsAnEndpoint()
    {
        var r = Build("--net", "appnet", "--network-alias", "web", "--ip", "172.30.0.5", "busybox");
        Assert.Equal("appnet", r.HostConfig!.NetworkMode);
        var endpoint = r.NetworkingConfig!.EndpointsConfig!["appnet"];
        Assert.Equal(["web"], endpoint.Aliases);
        Assert.Equal("172.30.0.5", endpoint.IpamConfig!.IPv4Address);
    }

    [Fact]
    public void Build_AliasOnTheDefaultNetwork_IsRefused() =>
        Assert.Throws<InvalidOptionException>(() => Build("--network-alias", "web", "busybox"));

    [Fact]
    public void Build_EnvFileThenFlags()
    {
        using var dir = new Cais.TestSupport.TempDir("cais-run-env-");
        var file = dir.Combine("e.env");
        File.WriteAllText(file, "# comment\nA=file\nB=2\n");
        Assert.Equal(["A=file", "B=2", "A=flag"], Build("--env-file", file, "-e", "A=flag", "busybox").Env);
    }

    [Theory]
    [InlineData(new[] { "-m", "1x", "busybox" }, "invalid argument \"1x\" for \"-m, --memory\" flag: invalid suffix: 'x'")]
    [InlineData(new[] { "--cpus", "abc", "busybox" }, "invalid argument \"abc\" for \"--cpus\" flag: failed to parse abc as a rational number")]
    [InlineData(new[] { "-a", "foo", "busybox" }, "invalid argument \"foo\" for \"-a, --attach\" flag: valid streams are STDIN, STDOUT and STDERR")]
    [InlineData(new[] { "-e", "=x", "busybox" }, "invalid argument \"=x\" for \"-e, --env\" flag: invalid environment variable: =x")]
    [InlineData(new[] { "--ulimit", "nofile=a", "busybox" }, "invalid argument \"nofile=a\" for \"--ulimit\" flag: strconv.ParseInt: parsing \"a\": invalid syntax")]
    [InlineData(new[] { "--health-interval", "10", "busybox" }, "invalid argument \"10\" for \"--health-interval\" flag: time: missing unit in duration \"10\"")]
    [InlineData(new[] { "--foo", "busybox" }, "unknown flag: --foo")]
    public void Parse_BadValues_UseDockersWords(string[] args, string message) => Assert.Equal(message, FlagError(args));

    [Fact]
    public void ArgCount_Messages()
    {
        Assert.Equal("'cais run' requires at least 1 argument", ArgCount.AtLeast(1).Check("run", 0));
        Assert.Equal("'cais logs' requires 1 argument", ArgCount.Exactly(1).Check("logs", 2));
        Assert.Equal("'cais version' accepts no arguments", ArgCount.None.Check("version", 1));
        Assert.Null(ArgCount.AtLeast(1).Check("rm", 3));
    }
}
