using System.Globalization;
using System.Net;
using System.Text.Json;
using Cais.Api.Tests.Support;
using Cais.TestSupport;

namespace Cais.Api.Tests.Events;

/// <summary>GET /events over HTTP: the window, the filters, the image events of the image endpoints.</summary>
public class EventEndpointTests : IAsyncLifetime
{
    ApiServerHarness api = null!;

    public async Task InitializeAsync() => api = await ApiServerHarness.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    /// <summary>Unix seconds to the tick, as Docker's "seconds.nanoseconds" (a window ending now takes what came before).</summary>
    static string Seconds(DateTimeOffset t) =>
        ((decimal)(t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerSecond).ToString("0.0000000", CultureInfo.InvariantCulture);

    /// <summary>The events of a window that has ended: the response ends after them.</summary>
    async Task<List<JsonElement>> Past(string query = "")
    {
        var since = Seconds(DateTimeOffset.UtcNow.AddMinutes(-1));
        var until = Seconds(DateTimeOffset.UtcNow);
        var text = await api.GetStringAsync($"/v1.47/events?since={since}&until={until}{query}");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
    }

    static string Describe(JsonElement e) =>
        $"{e.GetProperty("Type").GetString()} {e.GetProperty("Action").GetString()} {e.GetProperty("Actor").GetProperty("Attributes").GetProperty("name").GetString()}";

    [RootFact]
    public async Task TagAndRemove_TagUntagDelete_NamedAsDockerNamesThem()
    {
        var id = TestLayers.Add(api.Engine.Images, "2026-01-01T00:00:00Z", [("a", "a")], new() { ["role"] = "base" }, "busybox:latest").ToString();
        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsync("/v1.47/images/busybox/tag?repo=acc-user/copy&tag=v1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.DeleteAsync("/v1.47/images/acc-user/copy:v1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.DeleteAsync("/v1.47/images/busybox")).StatusCode);

        var events = await Past();
        Assert.Equal(["image tag acc-user/copy:v1", "image untag acc-user/copy:v1", "image untag busybox:latest", $"image delete {id}"],
            events.Select(Describe));
        Assert.All(events, e => Assert.Equal(id, e.GetProperty("Actor").GetProperty("ID").GetString()));
        Assert.All(events, e => Assert.Equal(id, e.GetProperty("id").GetString()));
        Assert.Equal("base", events[0].GetProperty("Actor").GetProperty("Attributes").GetProperty("role").GetString());
        Assert.False(events[0].TryGetProperty("from", out _)); // only container events say where they come from
    }

    [RootFact]
    public async Task Filters_TypeAndEvent()
    {
        TestLayers.Add(api.Engine.Images, "2026-01-01T00:00:00Z", [("a", "a")], null, "busybox:latest");
        await api.Client.PostAsync("/v1.47/images/busybox/tag?repo=x&tag=1", null);
        await api.Client.PostAsync("/v1.47/images/busybox/tag?repo=y&tag=1", null);
        await api.Client.DeleteAsync("/v1.47/images/x:1");

        var filters = Uri.EscapeDataString("""{"type":{"image":true},"event":{"untag":true}}""");
        Assert.Equal(["image untag x:1"], (await Past("&filters=" + filters)).Select(Describe));
        var byImage = Uri.EscapeDataString("""{"image":["y"]}""");
        Assert.Equal(["image tag y:1"], (await Past("&filters=" + byImage)).Select(Describe));
        var none = Uri.EscapeDataString("""{"container":["anything"]}""");
        Assert.Empty(await Past("&filters=" + none));
    }

    [Fact]
    public async Task UnknownFilter_400NamingIt()
    {
        var response = await api.Client.GetAsync("/v1.47/events?filters=" + Uri.EscapeDataString("""{"colour":["red"]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid filter 'colour'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SinceAfterUntil_400()
    {
        var response = await api.Client.GetAsync("/v1.47/events?since=2000&until=1000");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("`since` time (2000) cannot be after `until` time (1000)", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BadTime_400NamingTheParameter()
    {
        var response = await api.Client.GetAsync("/v1.47/events?since=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid value for since", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UntilInTheFuture_LiveEventsThenTheStreamEnds()
    {
        var until = Seconds(DateTimeOffset.UtcNow.AddSeconds(2));
        using var response = await api.Client.GetAsync($"/v1.47/events?until={until}", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (api.Engine.Events.Bus.SubscriberCount == 0) await Task.Delay(10);
        api.Engine.Events.Publish("volume", "create", "data", new Dictionary<string, string> { ["driver"] = "local" });

        var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        using var json = JsonDocument.Parse(line!);
        Assert.Equal("volume", json.RootElement.GetProperty("Type").GetString());
        Assert.False(json.RootElement.TryGetProperty("status", out _)); // the legacy fields are for containers and images
        Assert.Null(await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10))); // until came: the response ended
    }

    [Fact]
    public async Task ClientGoes_SubscriptionEnds()
    {
        using (var response = await api.Client.GetAsync("/v1.47/events", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            while (api.Engine.Events.Bus.SubscriberCount == 0) await Task.Delay(10);
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (api.Engine.Events.Bus.SubscriberCount > 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Equal(0, api.Engine.Events.Bus.SubscriberCount);
    }
}
