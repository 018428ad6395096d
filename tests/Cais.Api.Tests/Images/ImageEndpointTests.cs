using System.Net;
using System.Text;
using System.Text.Json;
using Cais.Api.Tests.Support;
using Cais.TestSupport;

namespace Cais.Api.Tests.Images;

/// <summary>The image endpoints over a real image store (layers are unpacked, so as root).</summary>
public class ImageEndpointTests : IAsyncLifetime
{
    ApiServerHarness api = null!;

    public async Task InitializeAsync() => api = await ApiServerHarness.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    string Add(string created, string file, Dictionary<string, string>? labels = null, params string[] tags) =>
        TestLayers.Add(api.Engine.Images, created, [(file, file + " content")], labels, tags).ToString();

    async Task<JsonElement> GetJson(string path) => JsonDocument.Parse(await api.GetStringAsync(path)).RootElement;

    static async Task<string> MessageOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("message").GetString()!;
    }

    [RootFact]
    public async Task List_OneSummaryPerImage_NewestFirst()
    {
        var older = Add("2026-01-01T00:00:00Z", "a", new() { ["org.example.role"] = "base" }, "busybox:latest", "busybox:1.36");
        var newer = Add("2026-02-01T00:00:00Z", "b", null, "alpine:3");
        var list = await GetJson("/v1.47/images/json");
        Assert.Equal(2, list.GetArrayLength());
        Assert.Equal(newer, list[0].GetProperty("Id").GetString());
        var busybox = list[1];
        Assert.Equal(older, busybox.GetProperty("Id").GetString());
        Assert.Equal(["busybox:1.36", "busybox:latest"], busybox.GetProperty("RepoTags").EnumerateArray().Select(t => t.GetString()).Order());
        Assert.Equal(0, busybox.GetProperty("RepoDigests").GetArrayLength());
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), busybox.GetProperty("Created").GetInt64());
        Assert.True(busybox.GetProperty("Size").GetInt64() > 0);
        Assert.Equal(-1, busybox.GetProperty("SharedSize").GetInt64());
        Assert.Equal(-1, busybox.GetProperty("Containers").GetInt64());
        Assert.Equal("base", busybox.GetProperty("Labels").GetProperty("org.example.role").GetString());
        Assert.False(busybox.TryGetProperty("VirtualSize", out _));
    }

    [RootFact]
    public async Task List_OldClient_GetsVirtualSizeAndNonePlaceholders()
    {
        Add("2026-01-01T00:00:00Z", "a");
        var image = (await GetJson("/v1.41/images/json"))[0];
        Assert.Equal(image.GetProperty("Size").GetInt64(), image.GetProperty("VirtualSize").GetInt64());
        Assert.Equal("<none>:<none>", image.GetProperty("RepoTags")[0].GetString());
        Assert.Equal("<none>@<none>", image.GetProperty("RepoDigests")[0].GetString());
    }

    [RootFact]
    public async Task List_Filters_DanglingReferenceAndLabel()
    {
        var dangling = Add("2026-01-01T00:00:00Z", "a");
        Add("2026-01-02T00:00:00Z", "b", new() { ["tier"] = "web" }, "busybox:latest");
        Add("2026-01-03T00:00:00Z", "c", null, "alpine:3");
        string Ids(JsonElement list) => string.Join(",", list.EnumerateArray().Select(i =>
            i.GetProperty("RepoTags").GetArrayLength() > 0 ? i.GetProperty("RepoTags")[0].GetString() : i.GetProperty("Id").GetString()));
        Assert.Equal(dangling, Ids(await GetJson("/images/json?filters=" + Uri.EscapeDataString("""{"dangling":["true"]}"""))));
        Assert.Equal("alpine:3,busybox:latest", Ids(await GetJson("/images/json?filters=" + Uri.EscapeDataString("""{"dangling":{"false":true}}"""))));
        Assert.Equal("busybox:latest", Ids(await GetJson("/images/json?filters=" + Uri.EscapeDataString("""{"reference":["busy*"]}"""))));
        Assert.Equal("busybox:latest", Ids(await GetJson("/images/json?filters=" + Uri.EscapeDataString("""{"label":["tier=web"]}"""))));
        Assert.Equal("alpine:3", Ids(await GetJson("/images/json?filters=" + Uri.EscapeDataString("""{"since":["busybox"]}"""))));
        Assert.Equal(dangling, Ids(await GetJson("/images/json?filters=" + Uri.EscapeDataString("""{"before":["busybox:latest"]}"""))));
        using var bad = await api.Client.GetAsync("/images/json?filters=" + Uri.EscapeDataString("""{"colour":["red"]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("invalid filter 'colour'", await MessageOf(bad));
    }

    [RootFact]
    public async Task List_SharedSize_CountsLayersOtherImagesStack()
    {
        var shared = TestLayers.Tar(("etc/base", "base"));
        var store = api.Engine.Images;
        foreach (var (tag, created) in new[] { ("one:1", "2026-01-01T00:00:00Z"), ("two:1", "2026-01-02T00:00:00Z") })
        {
            var config = Cais.Images.Model.ModelJson.Serialize(new Cais.Images.Model.ImageConfig
            {
                Created = created, Architecture = "amd64", Os = "linux",
                RootFs = new Cais.Images.Model.RootFs { DiffIds = [Cais.Images.Digest.Of(shared).ToString()] },
            });
            store.Import(new Cais.Images.Service.ImportRequest(config, [new Cais.Images.Service.LayerSource(() => new MemoryStream(shared), Cais.Images.Model.MediaTypes.OciLayer)])
            {
                Tags = [Cais.Images.References.ImageReference.Parse(tag)],
            });
        }
        var list = await GetJson("/images/json?shared-size=1");
        foreach (var image in list.EnumerateArray())
            Assert.Equal(image.GetProperty("Size").GetInt64(), image.GetProperty("SharedSize").GetInt64());
    }

    [RootFact]
    public async Task Inspect_NameWithRegistryPortAndPath_Found()
    {
        var id = Add("2026-01-01T00:00:00Z", "a", null, "localhost:5000/acc-user/committed:v2");
        var image = await GetJson("/v1.47/images/localhost:5000/acc-user/committed:v2/json");
        Assert.Equal(id, image.GetProperty("Id").GetString());
        Assert.Equal("localhost:5000/acc-user/committed:v2", image.GetProperty("RepoTags")[0].GetString());
        Assert.Equal("2026-01-01T00:00:00Z", image.GetProperty("Created").GetString());
        Assert.Equal("sh", image.GetProperty("Config").GetProperty("Cmd")[0].GetString());
        Assert.Equal("PATH=/bin", image.GetProperty("Config").GetProperty("Env")[0].GetString());
        Assert.Equal("", image.GetProperty("Config").GetProperty("Hostname").GetString());
        Assert.Equal("overlay2", image.GetProperty("GraphDriver").GetProperty("Name").GetString());
        Assert.Equal("layers", image.GetProperty("RootFS").GetProperty("Type").GetString());
        Assert.Equal(1, image.GetProperty("RootFS").GetProperty("Layers").GetArrayLength());
        Assert.True(image.GetProperty("Metadata").TryGetProperty("LastTagTime", out _));
        // By short id too.
        var byId = await GetJson($"/images/{id[7..19]}/json");
        Assert.Equal(id, byId.GetProperty("Id").GetString());
    }

    [RootFact]
    public async Task Inspect_Missing_404NoSuchImage()
    {
        using var response = await api.Client.GetAsync("/v1.47/images/busybox:nope/json");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No such image: busybox:nope", await MessageOf(response));
    }

    [RootFact]
    public async Task History_NewestFirstWithTheImageIdAndTags()
    {
        var id = Add("2026-01-01T00:00:00Z", "a", null, "busybox:latest");
        var history = await GetJson("/images/busybox/history");
        Assert.Equal(1, history.GetArrayLength());
        Assert.Equal(id, history[0].GetProperty("Id").GetString());
        Assert.Equal("test layer", history[0].GetProperty("CreatedBy").GetString());
        Assert.Equal("busybox:latest", history[0].GetProperty("Tags")[0].GetString());
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), history[0].GetProperty("Created").GetInt64());
    }

    [RootFact]
    public async Task Tag_201ThenTheNewNameResolves()
    {
        var id = Add("2026-01-01T00:00:00Z", "a", null, "busybox:latest");
        using var response = await api.Client.PostAsync("/v1.47/images/busybox/tag?repo=acc-user/committed&tag=v2", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(id, (await GetJson("/images/acc-user/committed:v2/json")).GetProperty("Id").GetString());
        // repo with its own tag, no tag parameter.
        using var second = await api.Client.PostAsync("/images/busybox/tag?repo=" + Uri.EscapeDataString("other:x"), null);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(id, (await GetJson("/images/other:x/json")).GetProperty("Id").GetString());
    }

    [RootFact]
    public async Task Tag_InvalidOrMissingRepo_400()
    {
        Add("2026-01-01T00:00:00Z", "a", null, "busybox:latest");
        using var upper = await api.Client.PostAsync("/images/busybox/tag?repo=Bad&tag=x", null);
        Assert.Equal(HttpStatusCode.BadRequest, upper.StatusCode);
        Assert.Contains("must be lowercase", await MessageOf(upper));
        using var none = await api.Client.PostAsync("/images/busybox/tag", null);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        using var missing = await api.Client.PostAsync("/images/nothing/tag?repo=x", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [RootFact]
    public async Task Delete_LastName_UntaggedThenDeleted()
    {
        var id = Add("2026-01-01T00:00:00Z", "a", null, "busybox:latest");
        using var response = await api.Client.DeleteAsync("/v1.47/images/busybox");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($$"""[{"Untagged":"busybox:latest"},{"Deleted":"{{id}}"}]""" + "\n", await response.Content.ReadAsStringAsync());
        using var again = await api.Client.DeleteAsync("/images/busybox");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("No such image: busybox", await MessageOf(again));
    }

    [RootFact]
    public async Task Delete_ByIdWithNamesInTwoRepositories_409UnlessForced()
    {
        var id = Add("2026-01-01T00:00:00Z", "a", null, "one:1", "two:1");
        using var refused = await api.Client.DeleteAsync($"/images/{id}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("must be forced", await MessageOf(refused));
        using var forced = await api.Client.DeleteAsync($"/images/{id}?force=1");
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
    }

    [RootFact]
    public async Task Prune_DanglingOnly_ThenAll()
    {
        var dangling = Add("2026-01-01T00:00:00Z", "a");
        Add("2026-01-02T00:00:00Z", "b", null, "kept:1");
        using var response = await api.Client.PostAsync("/images/prune", null);
        var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(dangling, result.GetProperty("ImagesDeleted")[0].GetProperty("Deleted").GetString());
        Assert.True(result.GetProperty("SpaceReclaimed").GetInt64() > 0);
        using var all = await api.Client.PostAsync("/images/prune?filters=" + Uri.EscapeDataString("""{"dangling":["false"]}"""), null);
        var allResult = JsonDocument.Parse(await all.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("kept:1", allResult.GetProperty("ImagesDeleted")[0].GetProperty("Untagged").GetString());
        Assert.Equal(0, (await GetJson("/images/json")).GetArrayLength());
        using var nothing = await api.Client.PostAsync("/images/prune", null);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await nothing.Content.ReadAsStringAsync()).RootElement.GetProperty("ImagesDeleted").ValueKind);
    }

    [RootFact]
    public async Task SaveAndLoad_RoundTrip_SameImageBackWithItsNames()
    {
        var id = Add("2026-01-01T00:00:00Z", "a", null, "busybox:latest", "acc-user/committed:v2");
        using var save = await api.Client.GetAsync("/v1.47/images/get?names=busybox&names=acc-user/committed:v2");
        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        Assert.Equal("application/x-tar", save.Content.Headers.ContentType?.MediaType);
        var archive = await save.Content.ReadAsByteArrayAsync();
        using (var one = await api.Client.GetAsync("/images/busybox/get"))
            Assert.True((await one.Content.ReadAsByteArrayAsync()).Length > 1024);
        (await api.Client.DeleteAsync($"/images/{id}?force=1")).Dispose();
        Assert.Equal(0, (await GetJson("/images/json")).GetArrayLength());

        using var load = await api.Client.PostAsync("/v1.47/images/load?quiet=1", new ByteArrayContent(archive));
        Assert.Equal(HttpStatusCode.OK, load.StatusCode);
        Assert.Equal("application/json", load.Content.Headers.ContentType?.MediaType);
        var lines = await load.Content.ReadAsStringAsync();
        Assert.Equal("{\"stream\":\"Loaded image: busybox:latest\\n\"}\r\n{\"stream\":\"Loaded image: acc-user/committed:v2\\n\"}\r\n", lines);
        Assert.Equal(id, (await GetJson("/images/acc-user/committed:v2/json")).GetProperty("Id").GetString());
    }

    [RootFact]
    public async Task Save_Missing_404BeforeAnyByte()
    {
        using var response = await api.Client.GetAsync("/images/get?names=nothing:here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No such image: nothing:here", await MessageOf(response));
    }

    [RootFact]
    public async Task Load_Garbage_400AndTheServerKeepsServing()
    {
        var junk = new byte[5000];
        new Random(1).NextBytes(junk);
        using var response = await api.Client.PostAsync("/images/load", new ByteArrayContent(junk));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("invalid image archive", await MessageOf(response));
        using var truncated = await api.Client.PostAsync("/images/load", new ByteArrayContent(TestLayers.Tar(("a", "b"))[..700]));
        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        using var ping = await api.Client.GetAsync("/_ping");
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
    }

    [RootFact]
    public async Task Import_FromBody_StatusIsTheIdAndChangesApply()
    {
        var rootfs = TestLayers.Tar(("etc/hello", "hi"));
        var query = "fromSrc=-&repo=imp/test&tag=1&message=" + Uri.EscapeDataString("my message") +
                    "&changes=" + Uri.EscapeDataString("ENV A=1") + "&changes=" + Uri.EscapeDataString("CMD [\"/bin/true\"]");
        using var response = await api.Client.PostAsync("/v1.47/images/create?" + query, new ByteArrayContent(rootfs));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\r\n", text);
        var status = JsonDocument.Parse(text.TrimEnd()).RootElement.GetProperty("status").GetString()!;
        Assert.StartsWith("sha256:", status);
        var image = await GetJson("/images/imp/test:1/json");
        Assert.Equal(status, image.GetProperty("Id").GetString());
        Assert.Equal("my message", image.GetProperty("Comment").GetString());
        Assert.Contains("A=1", image.GetProperty("Config").GetProperty("Env").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("/bin/true", image.GetProperty("Config").GetProperty("Cmd")[0].GetString());
        var history = await GetJson("/images/imp/test:1/history");
        Assert.Equal("my message", history[0].GetProperty("Comment").GetString());
    }

    [RootFact]
    public async Task Import_DefaultComment_NamesTheSource()
    {
        using var response = await api.Client.PostAsync("/images/create?fromSrc=-&repo=imp/plain", new ByteArrayContent(TestLayers.Tar(("f", "x"))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Imported from -", (await GetJson("/images/imp/plain:latest/json")).GetProperty("Comment").GetString());
    }

    [RootFact]
    public async Task Import_BadChange_400()
    {
        using var response = await api.Client.PostAsync("/images/create?fromSrc=-&changes=" + Uri.EscapeDataString("RUN rm -rf /"), new ByteArrayContent(TestLayers.Tar(("f", "x"))));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("RUN", await MessageOf(response));
    }

    [RootFact]
    public async Task Pull_NoRegistry_ErrorNamesTheImage()
    {
        Add("2026-01-01T00:00:00Z", "a", null, "busybox:latest");
        using var response = await api.Client.PostAsync("/v1.47/images/create?fromImage=busybox&tag=latest", null);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var message = await MessageOf(response);
        Assert.Contains("busybox:latest", message);
        Assert.Contains("no registry is reachable", message);
        using var invalid = await api.Client.PostAsync("/images/create?fromImage=UPPER", null);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using var nothing = await api.Client.PostAsync("/images/create", null);
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
    }

    [RootFact]
    public async Task SystemDf_CountsImagesLayersAndSharedSizes()
    {
        Add("2026-01-01T00:00:00Z", "a", null, "busybox:latest");
        var df = await GetJson("/system/df");
        Assert.Equal(1, df.GetProperty("Images").GetArrayLength());
        var image = df.GetProperty("Images")[0];
        Assert.Equal(0, image.GetProperty("Containers").GetInt64());
        Assert.Equal(0, image.GetProperty("SharedSize").GetInt64());
        Assert.Equal(image.GetProperty("Size").GetInt64(), df.GetProperty("LayersSize").GetInt64());
        var info = await GetJson("/info");
        Assert.Equal(1, info.GetProperty("Images").GetInt32());
    }
}
