using Cais.Api.Hosting;
using Cais.Daemon;
using Cais.Images.Service;
using Cais.TestSupport;

namespace Cais.Api.Tests.Daemon;

/// <summary>A fact that needs root and the real docker CLI at /usr/local/bin/docker.</summary>
public sealed class DockerCliFactAttribute : FactAttribute
{
    public DockerCliFactAttribute()
    {
        if (HostRequirements.RootSkipReason() is { } root) Skip = root;
        else if (!File.Exists(DockerCliTests.Docker)) Skip = $"the docker CLI is not at {DockerCliTests.Docker}: the daemon is not checked against it";
    }
}

/// <summary>The real docker CLI (version 28) against a daemon started in this process.</summary>
public class DockerCliTests : IAsyncLifetime
{
    public const string Docker = "/usr/local/bin/docker";

    readonly TempDir dir = new("cais-docker-cli-");
    DaemonHost? daemon;

    string Socket => dir.Combine("run", "cais.sock");

    public async Task InitializeAsync()
    {
        if (!HostRequirements.IsRoot || !File.Exists(Docker)) return;
        daemon = await DaemonHost.StartAsync(new DaemonOptions
        {
            Hosts = [ListenAddress.Unix(Socket)],
            DataRoot = dir.Combine("root"),
            ExecRoot = dir.Combine("run"),
        }, TextWriter.Null);
    }

    public async Task DisposeAsync()
    {
        if (daemon is not null) await daemon.StopAsync();
        dir.Dispose();
    }

    ProcessResult Run(params string[] args) =>
        ProcessRunner.Run(Docker, ["-H", "unix://" + Socket, .. args], stdin: null, TimeSpan.FromSeconds(60),
            new Dictionary<string, string?> { ["DOCKER_HOST"] = null, ["DOCKER_CONTEXT"] = null, ["DOCKER_CONFIG"] = dir.Combine("docker-config") });

    ProcessResult Succeed(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == 0, $"`docker {string.Join(' ', args)}` exited {result.ExitCode}\n{result.Describe()}");
        return result;
    }

    [DockerCliFact]
    public void Version_ServerPartFromTheDaemon()
    {
        var output = Succeed("version").Stdout;
        Assert.Contains("Server: cais", output);
        Assert.Contains($"Version:          {ServerIdentity.Version}", output);
        Assert.Contains("API version:      1.47 (minimum version 1.24)", output);
    }

    [DockerCliFact]
    public void Images_EmptyStore_JustTheHeader()
    {
        var output = Succeed("images").Stdout;
        Assert.StartsWith("REPOSITORY", output.TrimStart());
    }

    [DockerCliFact]
    public void ImageCommands_OnABootstrappedBusybox()
    {
        var id = ImageBootstrap.Busybox(daemon!.Engine.Images).Id.ToString();
        Assert.Contains("busybox", Succeed("images").Stdout);
        Assert.Equal(id, Succeed("image", "inspect", "--format", "{{.Id}}", "busybox").Stdout.Trim());
        Succeed("tag", "busybox", "acc-user/committed:v2");
        Assert.Equal(id, Succeed("image", "inspect", "--format", "{{.Id}}", "acc-user/committed:v2").Stdout.Trim());
        Assert.Contains("cais image bootstrap busybox", Succeed("history", "--no-trunc", "busybox").Stdout);
        var archive = dir.Combine("busybox.tar");
        Succeed("save", "-o", archive, "busybox", "acc-user/committed:v2");
        var removed = Succeed("rmi", "busybox", "acc-user/committed:v2").Stdout;
        Assert.Contains("Deleted: " + id, removed);
        var loaded = Succeed("load", "-i", archive).Stdout;
        Assert.Contains("Loaded image: busybox:latest", loaded);
        Assert.Contains("Loaded image: acc-user/committed:v2", loaded);
        var missing = Run("image", "inspect", "busybox:nope");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No such image: busybox:nope", missing.Stderr);
        Assert.Contains("Images: 1", Succeed("info").Stdout);
        Assert.Contains("Images", Succeed("system", "df").Stdout);
    }
}
