using System.Text;
using System.Text.Json.Nodes;
using Cais.Api.Client.Queries;
using Cais.Api.Client.Tests.Support;
using Cais.Api.Models.Exec;

namespace Cais.Api.Client.Tests.Client;

public sealed class StreamingCallTests
{
    const string EventJson = """{"status":"start","id":"c1","from":"busybox","Type":"container","Action":"start","Actor":{"ID":"c1","Attributes":{"name":"web"}},"scope":"local","time":1700000000,"timeNano":1700000000123456789}""";

    [Fact]
    public async Task Events_YieldsEachEventAsItArrives()
    {
        var second = new TaskCompletionSource();
        await using var daemon = TestDaemon.Start(exchange => exchange.StreamAsync(200, "application/json", async body =>
        {
            var first = Encoding.UTF8.GetBytes(EventJson + "\n");
            // The first event arrives in two pieces, split inside a string.
            await body.WriteAsync(first.AsMemory(0, 40));
            await body.FlushAsync();
            await Task.Delay(20);
            await body.WriteAsync(first.AsMemory(40));
            await body.FlushAsync();
            await second.Task;
            // Two more in one write, the last without a newline.
            await body.WriteAsync(Encoding.UTF8.GetBytes(EventJson.Replace("start", "die") + "\n" + EventJson.Replace("start", "destroy")));
        }));
        using var client = daemon.CreateClient();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var actions = new List<string>();
        await foreach (var message in client.MonitorEventsAsync(
            new EventsOptions { Since = "1700000000.000000000", Filters = new Filters().Add("type", "container") }, cancel.Token))
        {
            actions.Add(message.Action);
            Assert.Equal("web", message.Actor.Attributes!["name"]);
            second.TrySetResult(); // only sent once the first was seen: proves streaming
        }

        Assert.Equal(["start", "die", "destroy"], actions);
        var query = daemon.ApiRequests.Single().Query;
        Assert.Equal("1700000000.000000000", query["since"].Single());
        Assert.Equal("""{"type":{"container":true}}""", query["filters"].Single());
    }

    [Fact]
    public async Task Events_CancelledWhileWaiting_Stops()
    {
        await using var daemon = TestDaemon.Start(exchange => exchange.StreamAsync(200, "application/json", _ => Task.Delay(TimeSpan.FromSeconds(3))));
        using var client = daemon.CreateClient();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.MonitorEventsAsync(cancellationToken: cancel.Token))
            {
            }
        });
    }

    [Fact]
    public async Task Events_TruncatedObject_IsAnError()
    {
        await using var daemon = TestDaemon.Start(exchange => exchange.StreamAsync(200, "application/json",
            body => body.WriteAsync(Encoding.UTF8.GetBytes(EventJson + "\n" + EventJson[..30])).AsTask()));
        using var client = daemon.CreateClient();

        var seen = 0;
        await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var _ in client.MonitorEventsAsync())
                seen++;
        });
        Assert.Equal(1, seen);
    }

    [Fact]
    public async Task Stats_StreamAndOneShot()
    {
        const string sample = """{"read":"2024-01-01T00:00:01.5Z","preread":"2024-01-01T00:00:00.5Z","cpu_stats":{"cpu_usage":{"total_usage":200},"system_cpu_usage":1000,"online_cpus":2},"precpu_stats":{"cpu_usage":{"total_usage":100},"system_cpu_usage":500,"online_cpus":2},"memory_stats":{"usage":4096,"limit":8192}}""";
        await using var daemon = TestDaemon.Start(exchange => exchange.Request.Query["stream"].Single() == "1"
            ? exchange.StreamAsync(200, "application/json", body => body.WriteAsync(Encoding.UTF8.GetBytes(sample + "\n" + sample + "\n")).AsTask())
            : exchange.RespondAsync(200, sample));
        using var client = daemon.CreateClient();

        var samples = new List<ulong>();
        await foreach (var stats in client.StreamContainerStatsAsync("c1"))
            samples.Add(stats.CpuStats.CpuUsage.TotalUsage);
        var one = await client.GetContainerStatsAsync("c1", oneShot: true);

        Assert.Equal([200ul, 200ul], samples);
        Assert.Equal(4096ul, one.MemoryStats.Usage);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 1, 500, TimeSpan.Zero), one.Read);
        Assert.Equal("/v1.47/containers/c1/stats?stream=0&one-shot=1", daemon.ApiRequests[1].Target);
    }

    [Fact]
    public async Task Exec_CreateInspectDetachedStartResize()
    {
        await using var daemon = TestDaemon.Start(exchange => exchange.Request.Path switch
        {
            "/v1.47/containers/c1/exec" => exchange.RespondAsync(201, """{"Id": "e1"}"""),
            "/v1.47/exec/e1/json" => exchange.RespondAsync(200, """{"ID": "e1", "Running": false, "ExitCode": 0, "ContainerID": "c1", "Pid": 9}"""),
            _ => exchange.RespondAsync(200, ""),
        });
        using var client = daemon.CreateClient();

        var created = await client.CreateExecAsync("c1", new ExecCreateRequest { Cmd = ["ls", "/"], AttachStdout = true, Env = ["A=1"] });
        await client.StartExecDetachedAsync(created.Id);
        await client.ResizeExecAsync(created.Id, 24, 80);
        var inspect = await client.InspectExecAsync(created.Id);

        Assert.Equal("e1", created.Id);
        Assert.Equal(0, inspect.ExitCode);
        var requests = daemon.ApiRequests;
        Assert.Equal("""["ls","/"]""", JsonNode.Parse(requests[0].BodyText)!["Cmd"]!.ToJsonString());
        Assert.Equal("/v1.47/exec/e1/start", requests[1].Path);
        Assert.True((bool?)JsonNode.Parse(requests[1].BodyText)!["Detach"]);
        Assert.Equal("/v1.47/exec/e1/resize?h=24&w=80", requests[2].Target);
    }

    [Fact]
    public async Task Exec_WithoutCommand_IsRejected()
    {
        await using var daemon = TestDaemon.Start(e => e.RespondAsync(201, "{}"));
        using var client = daemon.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateExecAsync("c1", new ExecCreateRequest()));
        await Assert.ThrowsAsync<ArgumentException>(() => client.StartExecAsync("e1", new ExecStartRequest { Detach = true }));
    }

    [Fact]
    public async Task System_VersionInfoDiskUsage_AreJsonDocuments()
    {
        await using var daemon = TestDaemon.Start(exchange => exchange.RespondAsync(200, $$"""{"path": "{{exchange.Request.Path}}"}"""));
        using var client = daemon.CreateClient();

        using var version = await client.GetVersionAsync();
        using var info = await client.GetInfoAsync();
        using var df = await client.GetDiskUsageAsync(["container", "image"]);

        Assert.Equal("/v1.47/version", version.RootElement.GetProperty("path").GetString());
        Assert.Equal("/v1.47/info", info.RootElement.GetProperty("path").GetString());
        Assert.Equal(["container", "image"], daemon.ApiRequests[2].Query["type"]);
    }

    [Fact]
    public async Task Raw_SendAsync_VersionsThePathAndPassesHeaders()
    {
        await using var daemon = TestDaemon.Start(exchange => exchange.Request.Path == "/v1.47/images/json"
            ? exchange.RespondAsync(200, """[{"Id": "sha256:1"}]""")
            : exchange.RespondAsync(404, """{"message":"No such image: nope:latest"}"""));
        using var client = daemon.CreateClient();

        using var response = await client.SendAsync(HttpMethod.Get, "/images/json",
            [new("all", "1"), new("digests", null)], headers: [new("X-Registry-Auth", "e30=")]);
        var text = await response.Content.ReadAsStringAsync();
        var missing = await Assert.ThrowsAsync<EngineApiException>(() => client.SendAsync(HttpMethod.Delete, "/images/nope:latest"));

        Assert.Equal("""[{"Id": "sha256:1"}]""", text);
        var sent = daemon.ApiRequests[0];
        Assert.Equal("/v1.47/images/json?all=1", sent.Target);
        Assert.Equal("e30=", sent.Headers["X-Registry-Auth"]);
        Assert.Equal("No such image: nope:latest", missing.Message);
        Assert.StartsWith("cais/", sent.Headers["User-Agent"], StringComparison.Ordinal);
    }

    [Fact]
    public void UnixTimestamp_HasNanosecondFraction()
    {
        Assert.Equal("1700000000.123456700", EngineClient.UnixTimestamp(DateTimeOffset.FromUnixTimeSeconds(1700000000).AddTicks(1234567)));
    }
}
