using System.Text.Json;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Cli.Lifecycle;

/// <summary>`cais version` and `cais info`, with a daemon and without one.</summary>
public sealed class VersionInfoTests(CaisDaemonFixture daemon) : IClassFixture<CaisDaemonFixture>
{
    static ProcessResult Unreachable(params string[] args) =>
        ProcessRunner.Run(CaisBinary.Path, ["-H", "unix:///nonexistent/cais.sock", .. args], null, TimeSpan.FromSeconds(30),
            new Dictionary<string, string?> { ["DOCKER_HOST"] = null, ["CAIS_HOST"] = null, ["CAIS_NO_AUTOSTART"] = "1" });

    [RootFact]
    public void Version_ShowsClientAndServer()
    {
        var r = daemon.Succeed("version");
        Assert.StartsWith("Client:\n Version:           0.1.0\n API version:       1.47\n .NET version:      dotnet", r.Stdout);
        Assert.Contains("\nServer: cais\n Engine:\n  Version:          ", r.Stdout);
        Assert.Contains("  API version:      1.47 (minimum version 1.24)\n", r.Stdout);
    }

    [RootFact]
    public void Version_Format_GoTemplates()
    {
        Assert.Equal("1.47\n", daemon.Succeed("version", "--format", "{{.Server.APIVersion}}").Stdout);
        Assert.Equal("0.1.0 0.1.0\n", daemon.Succeed("version", "-f", "{{.Client.Version}} {{.Server.Version}}").Stdout);
        using var json = JsonDocument.Parse(daemon.Succeed("version", "--format", "{{json .}}").Stdout);
        Assert.Equal("cais", json.RootElement.GetProperty("Server").GetProperty("Platform").GetProperty("Name").GetString());
        Assert.Equal("1.47", json.RootElement.GetProperty("Client").GetProperty("ApiVersion").GetString());
    }

    [Fact]
    public void Version_DaemonUnreachable_ShowsTheClientThenTheErrorAndExits1()
    {
        var r = Unreachable("version");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("Client:\n Version:           0.1.0\n", r.Stdout);
        Assert.DoesNotContain("Server:", r.Stdout);
        Assert.Equal("Cannot connect to the cais daemon at unix:///nonexistent/cais.sock. Is the cais daemon running?\n", r.Stderr);
    }

    [Fact]
    public void Version_Format_DaemonUnreachable_PrintsTheClientPart()
    {
        var r = Unreachable("version", "--format", "{{.Client.Version}}");
        Assert.Equal((1, "0.1.0\n"), (r.ExitCode, r.Stdout));
    }

    [RootFact]
    public void Info_Format_CountsAndJson()
    {
        Assert.Matches(@"^\d+\n$", daemon.Succeed("info", "--format", "{{.Containers}}").Stdout);
        using var json = JsonDocument.Parse(daemon.Succeed("info", "--format", "{{json .}}").Stdout);
        Assert.Equal(daemon.DataRoot, json.RootElement.GetProperty("DockerRootDir").GetString());
    }

    [RootFact]
    public void Info_ShowsTheMainLines()
    {
        var r = daemon.Succeed("info");
        Assert.StartsWith("Client:\n Version:    0.1.0\n", r.Stdout);
        Assert.Contains("\nServer:\n Containers: ", r.Stdout);
        Assert.Contains($" Cais Root Dir: {daemon.DataRoot}\n", r.Stdout);
    }

    [Fact]
    public void Info_DaemonUnreachable_Exits1()
    {
        var r = Unreachable("info");
        Assert.Equal(1, r.ExitCode);
        Assert.EndsWith("\nServer:\n", r.Stdout);
        Assert.Contains("Cannot connect to the cais daemon", r.Stderr);
    }

    [Fact]
    public void Stop_DaemonUnreachable_Exits1WithTheMessage()
    {
        var r = Unreachable("stop", "x");
        Assert.Equal((1, "Cannot connect to the cais daemon at unix:///nonexistent/cais.sock. Is the cais daemon running?\n"), (r.ExitCode, r.Stderr));
    }

    [Fact]
    public void Run_DaemonUnreachable_Exits125()
    {
        var r = Unreachable("run", "busybox");
        Assert.Equal(125, r.ExitCode);
        Assert.StartsWith("cais: Cannot connect to the cais daemon at unix:///nonexistent/cais.sock.", r.Stderr);
    }
}
