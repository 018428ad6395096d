using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cais.Api.Client.Connection;
using Cais.Api.Client.Queries;

namespace Cais.Api.Client;

/// <summary>
/// A typed client of the Docker Engine API as cais serves it, over a unix socket or TCP (with
/// TLS). The first call negotiates the API version (<c>GET /_ping</c>, then the lower of the
/// daemon's <c>Api-Version</c> and <see cref="ApiVersion.ClientMax"/>) and every path is prefixed
/// with it (<c>/v1.47/containers/json</c>). Errors: a status of 400 and up is an
/// <see cref="EngineApiException"/> with the daemon's message; a daemon that cannot be reached is
/// a <see cref="DaemonUnreachableException"/>; anything else that breaks the conversation is a
/// <see cref="DaemonConnectionException"/>. One instance is meant to be shared; it is thread-safe.
/// </summary>
public sealed partial class EngineClient : IDisposable
{
    readonly DaemonConnector connector;
    readonly HttpClient http;
    readonly SemaphoreSlim negotiation = new(1, 1);
    ApiVersion? version;

    public EngineClient(DaemonEndpoint endpoint, EngineClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new EngineClientOptions();
        connector = new DaemonConnector(endpoint);
        version = options.ApiVersion;
        UserAgent = options.UserAgent ?? DefaultUserAgent();
        // TLS, when configured, happens inside the connection; HTTP itself is always plain text to the handler.
        HostHeader = endpoint.Transport == DaemonTransport.Unix ? "localhost" : new Uri(endpoint.Uri.Replace("tcp://", "http://", StringComparison.Ordinal)).Authority;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
                (await connector.ConnectAsync(cancellationToken).ConfigureAwait(false)).Stream,
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        http = new HttpClient(handler)
        {
            BaseAddress = new Uri("http://" + HostHeader),
            // Events, logs -f and wait run as long as the caller wants; cancellation tokens bound them.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    public DaemonEndpoint Endpoint => connector.Endpoint;

    public string UserAgent { get; }

    string HostHeader { get; }

    /// <summary>The version in use once negotiated (or fixed by the options); null before the first call.</summary>
    public ApiVersion? NegotiatedVersion => version;

    /// <summary>The API version requests use, negotiating it first if needed.</summary>
    public async ValueTask<ApiVersion> GetApiVersionAsync(CancellationToken cancellationToken = default)
    {
        if (version is { } known)
            return known;
        await negotiation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (version is { } raced)
                return raced;
            var ping = await PingAsync(cancellationToken).ConfigureAwait(false);
            var negotiated = ApiVersion.Min(ApiVersion.ClientMax, ping.ApiVersion ?? ApiVersion.Fallback);
            version = negotiated;
            return negotiated;
        }
        finally
        {
            negotiation.Release();
        }
    }

    /// <summary>The versioned path and query of an API call: <c>/v1.47/containers/json?all=1</c>.</summary>
    async ValueTask<string> VersionedAsync(string path, QueryString? query, CancellationToken cancellationToken)
    {
        if (!path.StartsWith('/'))
            throw new ArgumentException($"an API path starts with '/': '{path}'", nameof(path));
        var apiVersion = await GetApiVersionAsync(cancellationToken).ConfigureAwait(false);
        return $"/v{apiVersion}{path}{query}";
    }

    /// <summary>Sends a versioned request; a status of 400 and up becomes <see cref="EngineApiException"/>.</summary>
    async Task<HttpResponseMessage> SendApiAsync(
        HttpMethod method,
        string path,
        QueryString? query,
        HttpContent? body,
        CancellationToken cancellationToken,
        IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var pathAndQuery = await VersionedAsync(path, query, cancellationToken).ConfigureAwait(false);
        var response = await SendUnversionedAsync(method, pathAndQuery, body, headers, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode >= 400)
        {
            var error = await EngineApiException.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
            response.Dispose();
            throw error;
        }
        return response;
    }

    /// <summary>Sends as given and returns once the response head is in, whatever its status.</summary>
    async Task<HttpResponseMessage> SendUnversionedAsync(
        HttpMethod method,
        string pathAndQuery,
        HttpContent? body,
        IEnumerable<KeyValuePair<string, string>>? headers,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery) { Content = body };
        if (headers is not null)
            foreach (var (name, value) in headers)
                if (!request.Headers.TryAddWithoutValidation(name, value))
                    body?.Headers.TryAddWithoutValidation(name, value);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            for (Exception? inner = e; inner is not null; inner = inner.InnerException)
                if (inner is DaemonConnectionException connectionError)
                    ExceptionDispatchInfo.Throw(connectionError);
            throw new DaemonConnectionException($"error during connect: {method} {Endpoint.Uri}{pathAndQuery}: {e.Message}", e);
        }
    }

    async Task SendApiNoContentAsync(HttpMethod method, string path, QueryString? query, HttpContent? body, CancellationToken cancellationToken)
    {
        using var response = await SendApiAsync(method, path, query, body, cancellationToken).ConfigureAwait(false);
    }

    async Task<T> SendApiJsonAsync<T>(HttpMethod method, string path, QueryString? query, HttpContent? body, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
    {
        using var response = await SendApiAsync(method, path, query, body, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, answer, cancellationToken).ConfigureAwait(false);
    }

    static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var where = response.RequestMessage?.RequestUri?.AbsolutePath ?? "the daemon";
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false)
                ?? throw new DaemonConnectionException($"the daemon answered {where} with null instead of a {typeof(T).Name}");
        }
        catch (JsonException e)
        {
            throw new DaemonConnectionException($"the daemon's answer to {where} is not a valid {typeof(T).Name}: {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new DaemonConnectionException($"reading the daemon's answer to {where} failed: {e.Message}", e);
        }
    }

    static async Task<T> ReadJsonAndDisposeAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using (response)
            return await ReadJsonAsync(response, typeInfo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A JSON request body with a known length (some servers refuse chunked bodies).</summary>
    static ByteArrayContent JsonBody<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>An ID or name as one path segment; an empty one would silently address another endpoint.</summary>
    static string Segment(string idOrName, string what)
    {
        if (string.IsNullOrWhiteSpace(idOrName))
            throw new ArgumentException($"a {what} is required", nameof(idOrName));
        return Uri.EscapeDataString(idOrName);
    }

    static string DefaultUserAgent()
    {
        var informational = typeof(EngineClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var versionText = informational?.Split('+')[0] ?? "dev";
        return $"cais/{versionText}";
    }

    public void Dispose()
    {
        http.Dispose();
        negotiation.Dispose();
    }
}
