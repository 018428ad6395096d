using Cais.TestSupport;

namespace Cais.Integration.Tests.Cli.Queries;

/// <summary>
/// Where `cais image bootstrap` puts its image: into a daemon that is named (through
/// POST /images/load), or into the store a --data-root names, which wins over DOCKER_HOST.
/// </summary>
[Collection("containers")]
public sealed class BootstrapRoutingTests(CaisDaemonFixture daemon) : IClassFixture<CaisDaemonFixture>
{
    [RootFact]
    public void Bootstrap_WithADaemonNamed_TheDaemonListsTheImage()
    {
        var repository = $"routed/bb-{TempDir.RandomName()}";

        var r = daemon.Succeed("image", "bootstrap", "busybox", "-t", repository + ":1");

        Assert.Matches($"^Bootstrapped {repository}:1 \\(sha256:[0-9a-f]{{64}}\\)\n$", r.Stdout);
        Assert.Equal(daemon.Succeed("image", "inspect", "-f", "{{.Id}}", "busybox").Stdout,
            daemon.Succeed("image", "inspect", "-f", "{{.Id}}", repository + ":1").Stdout);
        daemon.Succeed("rmi", repository + ":1");
    }

    [RootFact]
    public void Bootstrap_DataRootOnTheCommandLine_BeatsDockerHost()
    {
        using var store = TempDir.Under(Path.Combine(TestPaths.Root, "images"), "store-");
        var repository = $"routed/bb-{TempDir.RandomName()}";
        var environment = new Dictionary<string, string?>(CaisDaemonFixture.ClientEnvironment) { ["DOCKER_HOST"] = daemon.Host };

        var r = ProcessRunner.Run(CaisBinary.Path, ["--data-root", store.Path, "image", "bootstrap", "busybox", "-t", repository + ":1"],
            stdin: null, TimeSpan.FromMinutes(2), environment);

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Single(Directory.GetDirectories(Path.Combine(store.Path, "overlay", "layers")));
        Assert.Equal("", daemon.Succeed("images", "-q", repository).Stdout);
    }
}
