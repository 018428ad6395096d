using Cais.TestSupport;

namespace Cais.Integration.Tests.Images;

/// <summary>
/// The real `docker` CLI against a Docker daemon, for interop tests: unix:///tmp/dockerd.sock
/// unless CAIS_TEST_DOCKER_HOST names another. Tests only add and remove images with names of
/// their own (cais-test-...); they never stop or reconfigure the daemon.
/// </summary>
public static class DockerCli
{
    public const string HostVariable = "CAIS_TEST_DOCKER_HOST";
    public const string DefaultHost = "unix:///tmp/dockerd.sock";

    public static string Host => Environment.GetEnvironmentVariable(HostVariable) is { Length: > 0 } h ? h : DefaultHost;

    static readonly Lazy<string?> s_skipReason = new(FindSkipReason);

    /// <summary>Null when docker is installed and the daemon answers `docker version`, else why not.</summary>
    public static string? SkipReason => s_skipReason.Value;

    public static ProcessResult Run(params string[] args) =>
        ProcessRunner.Run("docker", args, stdin: null, TimeSpan.FromSeconds(120),
            new Dictionary<string, string?> { ["DOCKER_HOST"] = Host, ["DOCKER_CONTEXT"] = null });

    public static ProcessResult Succeed(params string[] args)
    {
        var r = Run(args);
        Assert.True(r.ExitCode == 0, $"`docker {string.Join(' ', args)}` exited {r.ExitCode}\n{r.Describe()}");
        return r;
    }

    /// <summary>A repository name no one else uses: cais-test-&lt;random&gt;/&lt;what&gt;.</summary>
    public static string UniqueRepository(string what) => $"cais-test-{TempDir.RandomName()}/{what}";

    /// <summary>Removes the names (never ids) from Docker; an image that has other names keeps them.</summary>
    public static void RemoveNames(params string[] names)
    {
        foreach (var name in names)
            Run("rmi", name);
    }

    static string? FindSkipReason()
    {
        if (HostRequirements.RootSkipReason() is { } root) return root;
        if (HostRequirements.FindOnPath("docker") is null)
            return "the docker CLI is not installed (apt-get install docker.io): Docker interop is not tested";
        try
        {
            var r = ProcessRunner.Run("docker", ["version", "--format", "{{.Server.Version}}"], stdin: null, TimeSpan.FromSeconds(15),
                new Dictionary<string, string?> { ["DOCKER_HOST"] = Host, ["DOCKER_CONTEXT"] = null });
            return r.ExitCode == 0 && r.Stdout.Trim().Length > 0
                ? null
                : $"no Docker daemon answers at {Host} (set {HostVariable} to another): {r.Stderr.Trim()}";
        }
        catch (TimeoutException)
        {
            return $"the Docker daemon at {Host} did not answer `docker version` within 15 s";
        }
    }
}

/// <summary>A fact that needs root, the docker CLI and a Docker daemon answering at <see cref="DockerCli.Host"/>.</summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        if (DockerCli.SkipReason is { } reason)
            Skip = reason;
    }
}
