using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Cli.Queries;

/// <summary>
/// Makes containers for the query tests straight through the daemon's API (create and start),
/// since `cais run` is another verb's job; names are unique per call so tests of one class can
/// share a daemon.
/// </summary>
public sealed class ContainerApi(CaisDaemonFixture daemon)
{
    /// <summary>A fresh name with the given stem: web-1a2b3c4d5e6f.</summary>
    public static string UniqueName(string stem) => $"{stem}-{TempDir.RandomName()}";

    /// <summary>Creates a busybox container running <paramref name="cmd"/>; returns its ID.</summary>
    public string Create(string name, string[] cmd, IReadOnlyDictionary<string, string>? labels = null, string image = "busybox")
    {
        var body = new JsonObject
        {
            ["Image"] = image,
            ["Cmd"] = new JsonArray([.. cmd.Select(c => (JsonNode)c!)]),
            ["Labels"] = new JsonObject([.. (labels ?? new Dictionary<string, string>()).Select(l => new KeyValuePair<string, JsonNode?>(l.Key, l.Value))]),
        };
        using var api = daemon.Api();
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        var response = api.PostAsync($"/containers/create?name={Uri.EscapeDataString(name)}", content).GetAwaiter().GetResult();
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(response.IsSuccessStatusCode, $"create {name}: {(int)response.StatusCode} {text}\n{daemon.DaemonLog}");
        return JsonDocument.Parse(text).RootElement.GetProperty("Id").GetString()!;
    }

    public void Start(string id)
    {
        using var api = daemon.Api();
        var response = api.PostAsync($"/containers/{id}/start", null).GetAwaiter().GetResult();
        Assert.True(response.IsSuccessStatusCode, $"start {id}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
    }

    /// <summary>A container that keeps running (sleep), started.</summary>
    public string Running(string name, IReadOnlyDictionary<string, string>? labels = null)
    {
        var id = Create(name, ["sleep", "1000"], labels);
        Start(id);
        return id;
    }

    /// <summary>A container that ran <c>exit CODE</c> and has exited.</summary>
    public string Exited(string name, int code, IReadOnlyDictionary<string, string>? labels = null)
    {
        var id = Create(name, ["sh", "-c", $"exit {code}"], labels);
        using var api = daemon.Api();
        // Wait registered before the start, so a fast exit is not missed.
        var wait = api.PostAsync($"/containers/{id}/wait?condition=next-exit", null);
        Start(id);
        var result = wait.GetAwaiter().GetResult();
        Assert.True(result.IsSuccessStatusCode, $"wait {id}: {(int)result.StatusCode}");
        return id;
    }

    public void Remove(string id)
    {
        using var api = daemon.Api();
        api.DeleteAsync($"/containers/{id}?force=1").GetAwaiter().GetResult();
    }
}
