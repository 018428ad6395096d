using System.Net;
using System.Text.Json;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Cli.Lifecycle;

/// <summary>What the lifecycle tests ask the daemon directly (through its API, not the CLI under test).</summary>
internal static class Containers
{
    /// <summary>A container name no other test uses.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{TempDir.RandomName()}";

    /// <summary>The container's inspect document, or null when the daemon has no such container.</summary>
    public static JsonElement? Inspect(CaisDaemonFixture daemon, string nameOrId)
    {
        using var api = daemon.Api();
        using var response = api.GetAsync($"/containers/{nameOrId}/json").GetAwaiter().GetResult();
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return document.RootElement.Clone();
    }

    public static string Status(CaisDaemonFixture daemon, string nameOrId) =>
        Inspect(daemon, nameOrId)?.GetProperty("State").GetProperty("Status").GetString() ?? "(removed)";

    /// <summary>Waits (up to 30 s) until the daemon no longer has the container; false if it still does.</summary>
    public static bool GoneEventually(CaisDaemonFixture daemon, string nameOrId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (Inspect(daemon, nameOrId) is null) return true;
            Thread.Sleep(50);
        }
        return false;
    }

    /// <summary>Force-removes containers at the end of a test, whatever state they are in.</summary>
    public static void Remove(CaisDaemonFixture daemon, params string[] names)
    {
        using var api = daemon.Api();
        foreach (var name in names)
            api.DeleteAsync($"/containers/{name}?force=1").GetAwaiter().GetResult().Dispose();
    }

    /// <summary>Runs a command line in a pseudo-terminal (util-linux `script`), for -t; input goes to the terminal.</summary>
    public static ProcessResult InTerminal(CaisDaemonFixture daemon, string caisArguments, string? input = null)
    {
        var command = $"{CaisBinary.Path} -H {daemon.Host} {caisArguments}; echo \"exit=$?\"";
        return ProcessRunner.Run("script", ["-qec", command, "/dev/null"], input, TimeSpan.FromSeconds(60),
            new Dictionary<string, string?> { ["DOCKER_HOST"] = null, ["CAIS_HOST"] = null, ["CAIS_NO_AUTOSTART"] = "1" });
    }
}
