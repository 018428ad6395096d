using System.Net;
using System.Text.Json;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Reliability;

/// <summary>SIGKILL of the daemon: containers live on and are taken back; nothing half made survives.</summary>
public sealed class DaemonKillTests
{
    static async Task<JsonElement> Get(HttpClient api, string path) =>
        JsonDocument.Parse(await api.GetStringAsync(path)).RootElement;

    static async Task<string> Logs(HttpClient api, string id)
    {
        var bytes = await api.GetByteArrayAsync($"/containers/{id}/logs?stdout=1");
        // Multiplexed frames: an 8-byte header, then the payload.
        var text = new System.Text.StringBuilder();
        for (int i = 0; i + 8 <= bytes.Length;)
        {
            int n = bytes[i + 4] << 24 | bytes[i + 5] << 16 | bytes[i + 6] << 8 | bytes[i + 7];
            text.Append(System.Text.Encoding.UTF8.GetString(bytes, i + 8, n));
            i += 8 + n;
        }
        return text.ToString();
    }

    [RootFact]
    public async Task KillDuringRun_ContainersKeepRunning_AndAreListedLoggedExecutedAndStoppedAfterARestart()
    {
        using var d = new DaemonProcess();
        d.Start();
        string id;
        using (var api = d.Api())
        {
            var created = await api.PostAsync("/containers/create?name=survivor", DaemonProcess.Json(
                """{"Image":"busybox","Cmd":["sh","-c","i=0; while true; do echo tick$i; i=$((i+1)); sleep 0.1; done"]}"""));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("Id").GetString()!;
            Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/containers/{id}/start", null)).StatusCode);
        }
        d.Kill();
        await Task.Delay(300);
        d.Start();
        using (var api = d.Api())
        {
            var listed = await Get(api, "/containers/json");
            Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("Id").GetString() == id);
            int ticks = (await Logs(api, id)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while ((await Logs(api, id)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= ticks + 2)
            {
                Assert.True(DateTime.UtcNow < deadline, "the log did not go on after the restart");
                await Task.Delay(100);
            }
            // exec works in the taken-back container.
            var exec = await api.PostAsync($"/containers/{id}/exec", DaemonProcess.Json("""{"Cmd":["sh","-c","exit 6"]}"""));
            Assert.Equal(HttpStatusCode.Created, exec.StatusCode);
            var execId = JsonDocument.Parse(await exec.Content.ReadAsStringAsync()).RootElement.GetProperty("Id").GetString();
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/exec/{execId}/start", DaemonProcess.Json("""{"Detach":true}"""))).StatusCode);
            deadline = DateTime.UtcNow.AddSeconds(20);
            JsonElement inspect;
            while ((inspect = await Get(api, $"/exec/{execId}/json")).GetProperty("Running").GetBoolean() || inspect.GetProperty("ExitCode").ValueKind == JsonValueKind.Null)
            {
                Assert.True(DateTime.UtcNow < deadline, "the exec never finished");
                await Task.Delay(50);
            }
            Assert.Equal(6, inspect.GetProperty("ExitCode").GetInt32());
            // stop works too, and leaves the container exited with its monitor gone.
            Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/containers/{id}/stop?t=1", null)).StatusCode);
            Assert.Equal("exited", (await Get(api, $"/containers/{id}/json")).GetProperty("State").GetProperty("Status").GetString());
        }
        Assert.Empty(d.Monitors());
    }

    [RootFact]
    public async Task KillDuringCreates_AfterARestart_NoHalfContainer_NoMountCgroupOrProcessLeft()
    {
        using var d = new DaemonProcess();
        // Every container that got as far as a start: its cgroup, if the runtime made one, is named by its ID.
        var started = new HashSet<string>(StringComparer.Ordinal);
        foreach (var delayMs in new[] { 2, 10, 30, 80, 300 })
        {
            d.Start();
            using (var api = d.Api())
            {
                // Creates and starts in flight when the daemon dies, at a different moment each round.
                var inFlight = Enumerable.Range(0, 4).Select(async i =>
                {
                    try
                    {
                        var r = await api.PostAsync($"/containers/create", DaemonProcess.Json("""{"Image":"busybox","Cmd":["sleep","300"]}"""));
                        var id = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("Id").GetString();
                        await api.PostAsync($"/containers/{id}/start", null);
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException or JsonException or TaskCanceledException or KeyNotFoundException) { }
                }).ToList();
                await Task.Delay(delayMs);
                d.Kill();
                await Task.WhenAll(inFlight);
            }
            var execDirs = Path.Combine(d.ExecRoot, "containers");
            if (Directory.Exists(execDirs)) started.UnionWith(Directory.GetDirectories(execDirs).Select(Path.GetFileName)!);
        }
        // The dead daemon's idle spare monitor read EOF on its stdin and went away.
        var sparesGone = DateTime.UtcNow.AddSeconds(20);
        while (d.IdleSpares().Count > 0 && DateTime.UtcNow < sparesGone) await Task.Delay(20);
        Assert.Empty(d.IdleSpares());
        d.Start();
        using (var api = d.Api())
        {
            // Every listed container is whole: it inspects, and removing it works.
            foreach (var c in (await Get(api, "/containers/json?all=1")).EnumerateArray())
            {
                var id = c.GetProperty("Id").GetString();
                Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/containers/{id}/json")).StatusCode);
                Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/containers/{id}?force=1")).StatusCode);
            }
            Assert.Empty((await Get(api, "/containers/json?all=1")).EnumerateArray());
        }
        // With every container gone: no mount under the roots, no monitor, no container cgroup.
        Assert.Empty(d.Mounts());
        Assert.Empty(d.Monitors());
        Assert.Empty(Directory.Exists(Path.Combine(d.ExecRoot, "containers")) ? Directory.GetDirectories(Path.Combine(d.ExecRoot, "containers")) : []);
        Assert.NotEmpty(started);
        Assert.Empty(started.SelectMany(CgroupDirsOf));
    }

    /// <summary>The container's cgroup directories (/cais/ID) under every mounted hierarchy, v1 and v2.</summary>
    static IEnumerable<string> CgroupDirsOf(string id) =>
        Directory.GetDirectories("/sys/fs/cgroup").Append("/sys/fs/cgroup")
            .Select(hierarchy => Path.Combine(hierarchy, "cais", id))
            .Where(Directory.Exists);
}
