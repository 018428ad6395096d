using System.Net;
using System.Text.Json;
using Cais.Api.Hosting;
using Cais.Api.Tests.Support;
using Cais.Linux;

namespace Cais.Api.Tests.Server;

/// <summary>The server's plumbing over its unix socket: headers, version prefixes, routing, errors, limits.</summary>
public class ServerTests : IAsyncLifetime
{
    ApiServerHarness api = null!;

    public async Task InitializeAsync() => api = await ApiServerHarness.StartAsync(TestRoutes.Add, () => new ContainerCounts(5, 2, 1, 2));

    public async Task DisposeAsync() => await api.DisposeAsync();

    static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content) : "";

    static async Task<string> MessageOf(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("message").GetString()!;
    }

    [Fact]
    public async Task Ping_Get_OkWithDockersHeaders()
    {
        using var response = await api.Client.GetAsync("/_ping");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("OK", await response.Content.ReadAsStringAsync());
        Assert.Equal("1.47", Header(response, "Api-Version"));
        Assert.Equal("false", Header(response, "Docker-Experimental"));
        Assert.Equal("linux", Header(response, "Ostype"));
        Assert.Equal($"Docker/{ServerIdentity.Version} (linux)", response.Headers.Server.ToString());
        Assert.Contains("no-cache", Header(response, "Cache-Control"));
        Assert.Equal("no-cache", Header(response, "Pragma"));
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Ping_Head_NoBody()
    {
        using var response = await api.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/_ping"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1.47", Header(response, "Api-Version"));
        Assert.Equal(0, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Ping_WithVersionPrefix_Ok()
    {
        using var response = await api.Client.GetAsync("/v1.24/_ping");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Version_ReportsEngineAndApiVersions()
    {
        using var json = JsonDocument.Parse(await api.GetStringAsync("/v1.47/version"));
        var root = json.RootElement;
        Assert.Equal("cais", root.GetProperty("Platform").GetProperty("Name").GetString());
        Assert.Equal("1.47", root.GetProperty("ApiVersion").GetString());
        Assert.Equal("1.24", root.GetProperty("MinAPIVersion").GetString());
        Assert.Equal("linux", root.GetProperty("Os").GetString());
        Assert.Equal("amd64", root.GetProperty("Arch").GetString());
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), root.GetProperty("KernelVersion").GetString());
        Assert.StartsWith("dotnet", root.GetProperty("GoVersion").GetString());
        var engine = root.GetProperty("Components")[0];
        Assert.Equal("Engine", engine.GetProperty("Name").GetString());
        Assert.Equal(ServerIdentity.Version, engine.GetProperty("Version").GetString());
        Assert.Equal("1.24", engine.GetProperty("Details").GetProperty("MinAPIVersion").GetString());
    }

    [Fact]
    public async Task VersionPrefix_TooOld_400WithDockersMessage()
    {
        using var response = await api.Client.GetAsync("/v1.23/version");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("client version 1.23 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version", await MessageOf(response));
        Assert.Equal("1.47", Header(response, "Api-Version"));
    }

    [Fact]
    public async Task VersionPrefix_TooNew_400WithDockersMessage()
    {
        using var response = await api.Client.GetAsync("/v1.99/version");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("client version 1.99 is too new. Maximum supported API version is 1.47", await MessageOf(response));
    }

    [Theory]
    [InlineData("/v1.41/test/version", "1.41")]
    [InlineData("/test/version", "1.47")]
    public async Task VersionPrefix_GivenToHandlers(string path, string expected)
    {
        using var json = JsonDocument.Parse(await api.GetStringAsync(path));
        Assert.Equal(expected, json.RootElement.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("GET", "/nothing/here")]
    [InlineData("GET", "/v1.47/nothing")]
    [InlineData("GET", "/v1.47")]
    [InlineData("DELETE", "/_ping")]
    [InlineData("PUT", "/images/json")]
    [InlineData("GET", "/images/json/")]
    public async Task UnknownRouteOrMethod_404PageNotFound(string method, string path)
    {
        using var response = await api.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("page not found", await MessageOf(response));
    }

    [Theory]
    [InlineData("/test/notfound", HttpStatusCode.NotFound, "No such container: ghost")]
    [InlineData("/test/conflict", HttpStatusCode.Conflict, "Conflict. The container name \"/x\" is already in use")]
    [InlineData("/test/invalid", HttpStatusCode.BadRequest, "invalid restart policy \"sometimes\"")]
    [InlineData("/test/boom", HttpStatusCode.InternalServerError, "kaboom")]
    public async Task EngineErrors_MapToDockersStatusAndMessage(string path, HttpStatusCode status, string message)
    {
        using var response = await api.Client.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(message, await MessageOf(response));
    }

    [Fact]
    public async Task NotModified_304WithoutBody()
    {
        using var response = await api.Client.GetAsync("/test/notmodified");
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnexpectedError_LoggedWithItsStack()
    {
        using var _ = await api.Client.GetAsync("/test/boom");
        Assert.Contains("level=error", api.Log.ToString());
        Assert.Contains("InvalidOperationException", api.Log.ToString());
    }

    [Fact]
    public async Task JsonBody_UnknownFieldsIgnoredAndNamesCaseInsensitive()
    {
        using var response = await api.Client.PostAsync("/test/json", UnixHttp.Json("""{"MESSAGE":"hi","Unknown":{"deep":[1,2]}}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("got hi", await MessageOf(response));
    }

    [Fact]
    public async Task JsonBody_Empty_IsNoBody()
    {
        using var response = await api.Client.PostAsync("/test/json", null);
        Assert.Equal("no body", await MessageOf(response));
    }

    [Theory]
    [InlineData("{bad", "invalid JSON")]
    [InlineData("""{"message":42}""", "$.message")]
    [InlineData("[1]", "invalid JSON")]
    public async Task JsonBody_Malformed_400NamingTheProblem(string body, string expected)
    {
        using var response = await api.Client.PostAsync("/test/json", UnixHttp.Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await MessageOf(response));
    }

    [Fact]
    public async Task JsonBody_WrongContentType_400()
    {
        using var response = await api.Client.PostAsync("/test/json", new StringContent("""{"message":"x"}""", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported Content-Type header (text/plain; charset=utf-8): must be 'application/json'", await MessageOf(response));
    }

    [Fact]
    public async Task JsonBody_OverTheLimit_400AndTheServerKeepsServing()
    {
        var big = "{\"message\":\"" + new string('x', 11 * 1024 * 1024) + "\"}";
        using (var response = await api.Client.PostAsync("/test/json", UnixHttp.Json(big)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("limit", await MessageOf(response));
        }
        using var ping = await api.Client.GetAsync("/_ping");
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
    }

    [Fact]
    public void Socket_IsMode0660()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite,
            File.GetUnixFileMode(api.SocketPath));
        Assert.Equal(0, FileOps.TryStatAt(Flags.AT_FDCWD, System.Text.Encoding.UTF8.GetBytes(api.SocketPath + "\0"), 0, out var status));
        Assert.Equal(FileOps.S_IFSOCK, status.FileType);
    }

    [Fact]
    public async Task Socket_SurvivesGarbageCollection()
    {
        // A .NET Socket that bound a unix path deletes the file when it is finalized; the one the
        // server bound with must never be.
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.True(File.Exists(api.SocketPath));
        using var response = await api.Client.GetAsync("/_ping");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Info_ReportsCountsAndHostFacts()
    {
        using var json = JsonDocument.Parse(await api.GetStringAsync("/info"));
        var root = json.RootElement;
        Assert.Equal(5, root.GetProperty("Containers").GetInt32());
        Assert.Equal(2, root.GetProperty("ContainersRunning").GetInt32());
        Assert.Equal(1, root.GetProperty("ContainersPaused").GetInt32());
        Assert.Equal(2, root.GetProperty("ContainersStopped").GetInt32());
        Assert.Equal(0, root.GetProperty("Images").GetInt32());
        Assert.Equal("overlay2", root.GetProperty("Driver").GetString());
        Assert.Equal("linux", root.GetProperty("OSType").GetString());
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("NCPU").GetInt32());
        Assert.True(root.GetProperty("MemTotal").GetInt64() > 0);
        Assert.Equal(api.DataRoot, root.GetProperty("DockerRootDir").GetString());
        Assert.Equal("inactive", root.GetProperty("Swarm").GetProperty("LocalNodeState").GetString());
        Assert.Equal(ServerIdentity.Version, root.GetProperty("ServerVersion").GetString());
        Assert.Equal("cais", root.GetProperty("DefaultRuntime").GetString());
        Assert.True(root.GetProperty("Runtimes").TryGetProperty("cais", out _));
        Assert.Contains(root.GetProperty("CgroupVersion").GetString(), new[] { "1", "2" });
        Assert.Equal("json-file", root.GetProperty("LoggingDriver").GetString());
        Assert.Equal(Environment.MachineName, root.GetProperty("Name").GetString());
        var prettyName = File.ReadAllLines("/etc/os-release").First(l => l.StartsWith("PRETTY_NAME=")).Split('=', 2)[1].Trim('"');
        Assert.Equal(prettyName, root.GetProperty("OperatingSystem").GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("Warnings").ValueKind);
        // The id is made once and kept.
        using var again = JsonDocument.Parse(await api.GetStringAsync("/info"));
        Assert.Equal(root.GetProperty("ID").GetString(), again.RootElement.GetProperty("ID").GetString());
    }

    [Fact]
    public async Task SystemDf_Empty_ListsAreEmpty()
    {
        using var json = JsonDocument.Parse(await api.GetStringAsync("/system/df"));
        Assert.Equal(0, json.RootElement.GetProperty("LayersSize").GetInt64());
        foreach (var list in new[] { "Images", "Containers", "Volumes", "BuildCache" })
            Assert.Equal(0, json.RootElement.GetProperty(list).GetArrayLength());
        using var bad = await api.Client.GetAsync("/system/df?type=cats");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
