using System.Text;
using System.Text.Json.Nodes;
using Cais.Api.Client.Queries;
using Cais.Api.Client.Tests.Support;
using Cais.Api.Models.Containers;
using Cais.Api.Models.Streams;

namespace Cais.Api.Client.Tests.Client;

/// <summary>Each typed call sends Docker's method, path, query and body, and reads the answer.</summary>
public sealed class ContainerCallTests
{
    [Fact]
    public async Task Create_SendsConfigAtTopLevelWithNameAndPlatformInQuery()
    {
        await using var daemon = TestDaemon.Start(e => e.RespondAsync(201, """{"Id": "0123abcd", "Warnings": ["low memory"]}"""));
        using var client = daemon.CreateClient();
        var request = new ContainerCreateRequest
        {
            Image = "busybox",
            Cmd = ["sh", "-c", "echo hi"],
            Tty = true,
            HostConfig = new HostConfig { Memory = 1 << 30, AutoRemove = true },
        };

        var created = await client.CreateContainerAsync(request, name: "web", platform: "linux/amd64");

        Assert.Equal("0123abcd", created.Id);
        Assert.Equal(["low memory"], created.Warnings);
        var sent = daemon.ApiRequests.Single();
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v1.47/containers/create", sent.Path);
        Assert.Equal("web", sent.Query["name"].Single());
        Assert.Equal("linux/amd64", sent.Query["platform"].Single());
        Assert.StartsWith("application/json", sent.Headers["Content-Type"], StringComparison.Ordinal);
        var body = JsonNode.Parse(sent.BodyText)!;
        Assert.Equal("busybox", (string?)body["Image"]);
        Assert.Equal("""["sh","-c","echo hi"]""", body["Cmd"]!.ToJsonString());
        Assert.Equal(1L << 30, (long?)body["HostConfig"]!["Memory"]);
        Assert.True((bool?)body["HostConfig"]!["AutoRemove"]);
        Assert.Null(body["NetworkingConfig"]);
    }

    [Fact]
    public async Task List_SendsFlagsAndFiltersAsDockerCliDoes()
    {
        await using var daemon = TestDaemon.Start(e => e.RespondAsync(200, """[{"Id": "a1", "Names": ["/one"], "State": "running", "Created": 1700000000}]"""));
        using var client = daemon.CreateClient();

        var rows = await client.ListContainersAsync(new ContainerListOptions
        {
            All = true,
            Limit = 3,
            Filters = new Filters().Add("status", "exited").AddArgument("label=app=web"),
        });

        Assert.Equal("/one", rows.Single().Names.Single());
        var query = daemon.ApiRequests.Single().Query;
        Assert.Equal("1", query["all"].Single());
        Assert.Equal("3", query["limit"].Single());
        Assert.False(query.Contains("size"));
        Assert.Equal("""{"label":{"app=web":true},"status":{"exited":true}}""", query["filters"].Single());
    }

    [Fact]
    public async Task Lifecycle_CallsUseDockersPathsAndQueries()
    {
        await using var daemon = TestDaemon.Start(e => e.RespondAsync(204, ""));
        using var client = daemon.CreateClient();

        await client.StartContainerAsync("c1", detachKeys: "ctrl-x,x");
        await client.StopContainerAsync("c1", timeoutSeconds: 5, signal: "SIGINT");
        await client.RestartContainerAsync("c1", timeoutSeconds: 0);
        await client.KillContainerAsync("c1", "SIGHUP");
        await client.PauseContainerAsync("c1");
        await client.UnpauseContainerAsync("c1");
        await client.RenameContainerAsync("c1", "new name");
        await client.ResizeContainerTtyAsync("c1", 40, 120);
        await client.RemoveContainerAsync("c1", new ContainerRemoveOptions { Force = true, RemoveVolumes = true });

        Assert.Equal(
            [
                "POST /v1.47/containers/c1/start?detachKeys=ctrl-x%2Cx",
                "POST /v1.47/containers/c1/stop?t=5&signal=SIGINT",
                "POST /v1.47/containers/c1/restart?t=0",
                "POST /v1.47/containers/c1/kill?signal=SIGHUP",
                "POST /v1.47/containers/c1/pause",
                "POST /v1.47/containers/c1/unpause",
                "POST /v1.47/containers/c1/rename?name=new%20name",
                "POST /v1.47/containers/c1/resize?h=40&w=120",
                "DELETE /v1.47/containers/c1?force=1&v=1",
            ],
            daemon.ApiRequests.Select(r => $"{r.Method} {r.Target}"));
    }

    [Fact]
    public async Task Ids_AreEscapedAsOnePathSegment()
    {
        await using var daemon = TestDaemon.Start(e => e.RespondAsync(200, "{}"));
        using var client = daemon.CreateClient();

        await client.InspectContainerAsync("a/b c", size: true);

        Assert.Equal("/v1.47/containers/a%2Fb%20c/json?size=1", daemon.ApiRequests.Single().Target);
    }

    [Fact]
    public async Task BeginWait_ReturnsOnceAcceptedAndCompletesAtExit()
    {
        var exited = new TaskCompletionSource();
        await using var daemon = TestDaemon.Start(exchange => exchange.StreamAsync(200, "application/json", async body =>
        {
            await exited.Task; // the head is out; the body comes when the container exits
            await body.WriteAsync("""{"StatusCode": 3}"""u8.ToArray());
        }));
        using var client = daemon.CreateClient();

        var waiting = await client.BeginWaitContainerAsync("c1", "next-exit").WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        exited.SetResult();

        Assert.Equal(3, (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode);
        Assert.Equal("/v1.47/containers/c1/wait?condition=next-exit", daemon.ApiRequests.Single().Target);
    }

    [Fact]
    public async Task Logs_StreamsTheBodyForDemultiplexing()
    {
        var frames = new MemoryStream();
        var writer = new MultiplexedStreamWriter(frames);
        await writer.WriteFrameAsync(StdStreamKind.Stdout, "line 1\n"u8.ToArray());
        await writer.WriteFrameAsync(StdStreamKind.Stderr, "oops\n"u8.ToArray());
        await writer.WriteFrameAsync(StdStreamKind.Stdout, "line 2\n"u8.ToArray());
        var bytes = frames.ToArray();
        await using var daemon = TestDaemon.Start(exchange => exchange.StreamAsync(200, HijackContentTypes.Multiplexed, async body =>
        {
            // Two pieces, the split inside a header.
            await body.WriteAsync(bytes.AsMemory(0, 20));
            await body.FlushAsync();
            await Task.Delay(20);
            await body.WriteAsync(bytes.AsMemory(20));
        }));
        using var client = daemon.CreateClient();

        await using var logs = await client.GetContainerLogsAsync("c1", new ContainerLogsOptions { Follow = true, Tail = "10", Timestamps = true });
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        await new MultiplexedStreamReader(logs.Body).CopyToAsync(stdout, stderr);

        Assert.True(logs.IsMultiplexed);
        Assert.Equal("line 1\nline 2\n", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("oops\n", Encoding.UTF8.GetString(stderr.ToArray()));
        Assert.Equal("/v1.47/containers/c1/logs?stdout=1&stderr=1&follow=1&timestamps=1&tail=10", daemon.ApiRequests.Single().Target);
    }

    [Fact]
    public async Task Export_StreamsTheTar()
    {
        var tar = new byte[300_000];
        new Random(7).NextBytes(tar);
        await using var daemon = TestDaemon.Start(exchange => exchange.RespondAsync(200, tar, "application/x-tar"));
        using var client = daemon.CreateClient();

        await using var export = await client.ExportContainerAsync("c1");
        using var copy = new MemoryStream();
        await export.Body.CopyToAsync(copy);

        Assert.Equal(tar, copy.ToArray());
    }

    [Fact]
    public async Task TopUpdateChangesPrune_ReadTheirAnswers()
    {
        await using var daemon = TestDaemon.Start(exchange => exchange.Request.Path switch
        {
            "/v1.47/containers/c1/top" => exchange.RespondAsync(200, """{"Titles": ["PID", "CMD"], "Processes": [["1", "sleep 9"]]}"""),
            "/v1.47/containers/c1/update" => exchange.RespondAsync(200, """{"Warnings": []}"""),
            "/v1.47/containers/c1/changes" => exchange.RespondAsync(200, """[{"Path": "/tmp/x", "Kind": 1}]"""),
            "/v1.47/containers/prune" => exchange.RespondAsync(200, """{"ContainersDeleted": ["c2"], "SpaceReclaimed": 4096}"""),
            _ => exchange.RespondAsync(404, """{"message":"unexpected"}"""),
        });
        using var client = daemon.CreateClient();

        var top = await client.TopContainerAsync("c1", "aux");
        var update = await client.UpdateContainerAsync("c1", new ContainerUpdateRequest { Memory = 512 << 20, RestartPolicy = new RestartPolicy { Name = "always" } });
        var changes = await client.GetContainerChangesAsync("c1");
        var prune = await client.PruneContainersAsync(new Filters().Add("until", "24h"));

        Assert.Equal("sleep 9", top.Processes![0][1]);
        Assert.Empty(update.Warnings!);
        Assert.Equal(ChangeKind.Added, changes.Single().Kind);
        Assert.Equal(4096ul, prune.SpaceReclaimed);
        var requests = daemon.ApiRequests;
        Assert.Equal("aux", requests[0].Query["ps_args"].Single());
        var updateBody = JsonNode.Parse(requests[1].BodyText)!;
        Assert.Equal(512 << 20, (long?)updateBody["Memory"]);
        Assert.Equal("always", (string?)updateBody["RestartPolicy"]!["Name"]);
        Assert.Equal("""{"until":{"24h":true}}""", requests[3].Query["filters"].Single());
    }
}

static class HijackContentTypes
{
    public const string Multiplexed = "application/vnd.docker.multiplexed-stream";
    public const string Raw = "application/vnd.docker.raw-stream";
}
