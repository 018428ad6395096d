using System.Text.Json;
using System.Text.Json.Nodes;
using Cais.Api.Models.Events;
using Cais.Api.Models.Exec;
using Cais.Api.Models.Stats;

namespace Cais.Api.Tests.Models;

public sealed class ExecEventStatsModelTests
{
    [Fact]
    public void ExecInspect_SwaggerExample_RoundTripsWithLowerCaseProcessNames()
    {
        var inspect = JsonSerializer.Deserialize(SwaggerExamples.ExecInspect, ExecJsonContext.Default.ExecInspectResponse)!;

        Assert.Equal("f33bbfb39f5b142420f4759b2348913bd4a8d1a6d7fd56499cb41a1bb91d7b3b", inspect.Id);
        Assert.Equal(2, inspect.ExitCode);
        Assert.Equal("sh", inspect.ProcessConfig!.Entrypoint);
        Assert.Equal(["-c", "exit 2"], inspect.ProcessConfig.Arguments);
        Assert.Equal("1000", inspect.ProcessConfig.User);
        JsonSubset.AssertContains(SwaggerExamples.ExecInspect, JsonSerializer.Serialize(inspect, ExecJsonContext.Default.ExecInspectResponse));
    }

    [Fact]
    public void ExecInspect_Running_WritesNullExitCode()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(new ExecInspectResponse { Running = true }, ExecJsonContext.Default.ExecInspectResponse))!.AsObject();

        Assert.True(json.ContainsKey("ExitCode"));
        Assert.Null(json["ExitCode"]);
    }

    [Fact]
    public void ExecCreate_SwaggerExample_RoundTrips()
    {
        var request = JsonSerializer.Deserialize(SwaggerExamples.ExecCreate, ExecJsonContext.Default.ExecCreateRequest)!;

        Assert.Equal("ctrl-p,ctrl-q", request.DetachKeys);
        Assert.Equal(["date"], request.Cmd!);
        var written = JsonSerializer.Serialize(request, ExecJsonContext.Default.ExecCreateRequest);
        JsonSubset.AssertContains(SwaggerExamples.ExecCreate, written);
        Assert.DoesNotContain("ConsoleSize", written, StringComparison.Ordinal);
    }

    [Fact]
    public void ExecStart_SwaggerExample_RoundTrips()
    {
        var request = JsonSerializer.Deserialize(SwaggerExamples.ExecStart, ExecJsonContext.Default.ExecStartRequest)!;

        Assert.Equal([80u, 64u], request.ConsoleSize!);
        JsonSubset.AssertContains(SwaggerExamples.ExecStart, JsonSerializer.Serialize(request, ExecJsonContext.Default.ExecStartRequest));
    }

    [Fact]
    public void Event_WithLegacyFields_RoundTrips()
    {
        var message = JsonSerializer.Deserialize(SwaggerExamples.Event, EventJsonContext.Default.EventMessage)!;

        Assert.Equal("container", message.Type);
        Assert.Equal("create", message.Status);
        Assert.Equal("my-container", message.Actor.Attributes!["name"]);
        Assert.Equal(1629574695515050031, message.TimeNano);
        JsonSubset.AssertContains(SwaggerExamples.Event, JsonSerializer.Serialize(message, EventJsonContext.Default.EventMessage));
    }

    [Fact]
    public void Event_WithoutLegacyFields_OmitsThem()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(
            new EventMessage { Type = "network", Action = "connect", Actor = new EventActor { Id = "n1" } },
            EventJsonContext.Default.EventMessage))!.AsObject();

        foreach (var omitted in new[] { "status", "id", "from", "scope", "time", "timeNano" })
            Assert.False(json.ContainsKey(omitted), omitted);
        Assert.Equal("n1", (string?)json["Actor"]!["ID"]);
    }

    [Fact]
    public void Stats_SwaggerExample_RoundTripsWithSnakeCaseNames()
    {
        var stats = JsonSerializer.Deserialize(SwaggerExamples.Stats, StatsJsonContext.Default.StatsResponse)!;

        Assert.Equal(739306590000000ul, stats.CpuStats.SystemCpuUsage);
        Assert.Equal(4u, stats.CpuStats.OnlineCpus);
        Assert.Equal(4, stats.PreCpuStats.CpuUsage.PercpuUsage!.Count);
        Assert.Equal(6537216ul, stats.MemoryStats.Usage);
        Assert.Equal(6537216ul, stats.MemoryStats.Stats!["rss"]);
        Assert.Equal(3ul, stats.PidsStats.Current);
        Assert.Equal(5338ul, stats.Networks!["eth0"].RxBytes);
        Assert.Equal(new DateTimeOffset(2015, 1, 8, 22, 57, 31, TimeSpan.Zero).AddTicks(5479207), stats.Read);

        var written = JsonSerializer.Serialize(stats, StatsJsonContext.Default.StatsResponse);
        // .NET keeps 100 ns: the last two of Go's nine fraction digits do not survive.
        JsonSubset.AssertContains(SwaggerExamples.Stats.Replace("31.547920715Z", "31.5479207Z", StringComparison.Ordinal), written);
    }

    [Fact]
    public void Stats_FirstSample_WritesZeroPreReadAndNullBlkioLists()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(new StatsResponse(), StatsJsonContext.Default.StatsResponse))!.AsObject();

        Assert.Equal("0001-01-01T00:00:00Z", (string?)json["preread"]);
        Assert.Equal("{}", json["pids_stats"]!.ToJsonString());
        Assert.True(json["blkio_stats"]!.AsObject().ContainsKey("io_service_bytes_recursive"));
        Assert.Null(json["blkio_stats"]!["io_service_bytes_recursive"]);
        Assert.Equal(0u, (uint?)json["num_procs"]);
        Assert.False(json["cpu_stats"]!["cpu_usage"]!.AsObject().ContainsKey("percpu_usage"));
        Assert.False(json.ContainsKey("networks"));
    }
}
