using System.Text.Json;
using Cais.Api.Models.Containers;

namespace Cais.Api.Tests.Models;

/// <summary>Swagger's container examples read into the models and written back keep every field under Docker's name.</summary>
public sealed class ContainerModelRoundTripTests
{
    static ContainerJsonContext Json => ContainerJsonContext.Default;

    [Fact]
    public void CreateRequest_SwaggerExample_RoundTripsEveryField()
    {
        var request = JsonSerializer.Deserialize(SwaggerExamples.ContainerCreate, Json.ContainerCreateRequest)!;

        Assert.Equal("ubuntu", request.Image);
        Assert.Equal(["date"], request.Cmd!);
        Assert.True(request.ExposedPorts!.ContainsKey("22/tcp"));
        Assert.Equal(512, request.HostConfig!.CpuShares);
        Assert.Equal(67108864, request.HostConfig.ShmSize);
        Assert.Equal("11022", request.HostConfig.PortBindings!["22/tcp"]![0].HostPort);
        Assert.Equal(-1, request.HostConfig.DeviceRequests![0].Count);
        Assert.Equal(60, request.HostConfig.MemorySwappiness);
        Assert.False(request.HostConfig.OomKillDisable);
        Assert.Equal("172.20.30.33", request.NetworkingConfig!.EndpointsConfig!["isolated_nw"].IpamConfig!.IPv4Address);
        Assert.Equal(10, request.StopTimeout);

        JsonSubset.AssertContains(SwaggerExamples.ContainerCreate, JsonSerializer.Serialize(request, Json.ContainerCreateRequest));
    }

    [Fact]
    public void InspectResponse_SwaggerExample_RoundTripsEveryField()
    {
        var inspect = JsonSerializer.Deserialize(SwaggerExamples.ContainerInspect, Json.ContainerInspectResponse)!;

        Assert.Equal("/boring_euclid", inspect.Name);
        Assert.Equal(9, inspect.State!.ExitCode);
        Assert.Equal("2015-01-06T15:47:32.072697474Z", inspect.State.StartedAt);
        Assert.Equal("healthy", inspect.State.Health!.Status);
        Assert.Equal(new DateTimeOffset(2019, 12, 22, 10, 59, 5, TimeSpan.Zero).AddTicks(6385933), inspect.State.Health.Log![0].Start);
        Assert.Equal(["CMD-SHELL", "exit 0"], inspect.Config!.Healthcheck!.Test!);
        Assert.Equal("on-failure", inspect.HostConfig!.RestartPolicy.Name);
        Assert.Equal("172.17.0.2", inspect.NetworkSettings!.Networks["bridge"].IPAddress);
        Assert.False(inspect.Mounts[0].ReadWrite);

        JsonSubset.AssertContains(SwaggerExamples.ContainerInspect, JsonSerializer.Serialize(inspect, Json.ContainerInspectResponse));
    }

    [Fact]
    public void ContainerList_SwaggerExample_RoundTripsEveryField()
    {
        var rows = JsonSerializer.Deserialize(SwaggerExamples.ContainerList, Json.ListContainerSummary)!;

        Assert.Equal(2, rows.Count);
        Assert.Equal(1367854155, rows[0].Created);
        Assert.Equal(3333, rows[0].Ports[0].PublicPort);
        Assert.Equal("default", rows[0].HostConfig.NetworkMode);
        Assert.Empty(rows[1].Ports);

        JsonSubset.AssertContains(SwaggerExamples.ContainerList, JsonSerializer.Serialize(rows, Json.ListContainerSummary));
    }

    [Fact]
    public void Top_SwaggerExample_RoundTrips()
    {
        var top = JsonSerializer.Deserialize(SwaggerExamples.Top, Json.ContainerTopResponse)!;

        Assert.Equal("sleep 10", top.Processes![1][7]);
        JsonSubset.AssertContains(SwaggerExamples.Top, JsonSerializer.Serialize(top, Json.ContainerTopResponse));
    }

    [Fact]
    public void UpdateRequest_SwaggerExample_RoundTrips()
    {
        var update = JsonSerializer.Deserialize(SwaggerExamples.Update, Json.ContainerUpdateRequest)!;

        Assert.Equal(314572800, update.Memory);
        Assert.Equal(4, update.RestartPolicy.MaximumRetryCount);
        JsonSubset.AssertContains(SwaggerExamples.Update, JsonSerializer.Serialize(update, Json.ContainerUpdateRequest));
    }

    [Fact]
    public void Changes_SwaggerExample_KindsAreNumbers()
    {
        var changes = JsonSerializer.Deserialize(SwaggerExamples.Changes, Json.ListFilesystemChange)!;

        Assert.Equal([ChangeKind.Modified, ChangeKind.Added, ChangeKind.Added], changes.Select(c => c.Kind));
        JsonSubset.AssertContains(SwaggerExamples.Changes, JsonSerializer.Serialize(changes, Json.ListFilesystemChange));
    }

    [Fact]
    public void WaitResponse_WithError_RoundTrips()
    {
        const string json = """{"StatusCode": 137, "Error": {"Message": "container could not be restarted"}}""";

        var wait = JsonSerializer.Deserialize(json, Json.ContainerWaitResponse)!;

        Assert.Equal(137, wait.StatusCode);
        JsonSubset.AssertContains(json, JsonSerializer.Serialize(wait, Json.ContainerWaitResponse));
    }

    [Fact]
    public void WaitResponse_WithoutError_OmitsError()
    {
        var json = JsonSerializer.Serialize(new ContainerWaitResponse { StatusCode = 0 }, Json.ContainerWaitResponse);

        Assert.Equal("""{"StatusCode":0}""", json);
    }
}
