using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Cais.Api.Client.Json;
using Cais.Api.Client.Queries;
using Cais.Api.Models.Events;

namespace Cais.Api.Client;

/// <summary>What <c>GET /_ping</c> tells about the daemon, from its headers.</summary>
/// <param name="ApiVersion">The newest API version the daemon serves; null if it did not say.</param>
/// <param name="OsType"><c>linux</c>.</param>
/// <param name="Experimental">Whether experimental features are on.</param>
/// <param name="BuilderVersion">The builder the daemon recommends (<c>1</c> classic, <c>2</c> BuildKit).</param>
/// <param name="Swarm">The swarm state, e.g. <c>inactive</c>.</param>
public sealed record PingResult(ApiVersion? ApiVersion, string? OsType, bool Experimental, string? BuilderVersion, string? Swarm);

// The system endpoints: ping, version, info, df, events. Version, info and df stay raw JSON
// until their models exist.
public sealed partial class EngineClient
{
    /// <summary>
    /// <c>GET /_ping</c>, unversioned. A daemon in trouble may answer with an error status and
    /// still name its API version; that is a usable answer, as for Docker's client.
    /// </summary>
    public async Task<PingResult> PingAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendUnversionedAsync(HttpMethod.Get, "/_ping", null, null, cancellationToken).ConfigureAwait(false);
        var apiVersionText = Header(response, "Api-Version");
        if ((int)response.StatusCode >= 400 && apiVersionText is null)
            throw await EngineApiException.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
        ApiVersion? apiVersion = ApiVersion.TryParse(apiVersionText, out var parsed) ? parsed : null;
        return new PingResult(
            apiVersion,
            Header(response, "OSType"),
            string.Equals(Header(response, "Docker-Experimental"), "true", StringComparison.OrdinalIgnoreCase),
            Header(response, "Builder-Version"),
            Header(response, "Swarm"));
    }

    /// <summary><c>GET /version</c> as JSON.</summary>
    public Task<JsonDocument> GetVersionAsync(CancellationToken cancellationToken = default) =>
        SendApiDocumentAsync("/version", null, cancellationToken);

    /// <summary><c>GET /info</c> as JSON.</summary>
    public Task<JsonDocument> GetInfoAsync(CancellationToken cancellationToken = default) =>
        SendApiDocumentAsync("/info", null, cancellationToken);

    /// <summary><c>GET /system/df</c> as JSON.</summary>
    /// <param name="types">Restrict to <c>container</c>, <c>image</c>, <c>volume</c>, <c>build-cache</c>; null for all.</param>
    public Task<JsonDocument> GetDiskUsageAsync(IEnumerable<string>? types = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryString();
        foreach (var type in types ?? [])
            query.Add("type", type);
        return SendApiDocumentAsync("/system/df", query, cancellationToken);
    }

    /// <summary>
    /// <c>GET /events</c>: each event as it happens, until cancelled (or until <c>Until</c> when given).
    /// </summary>
    public async IAsyncEnumerable<EventMessage> MonitorEventsAsync(EventsOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var response = await SendApiAsync(HttpMethod.Get, "/events", (options ?? new EventsOptions()).ToQuery(), null, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var message in new JsonSequenceReader<EventMessage>(body, EventJsonContext.Default.EventMessage)
            .ReadAllAsync(cancellationToken).ConfigureAwait(false))
            yield return message;
    }

    /// <summary>A Unix timestamp as the <c>since</c>/<c>until</c> parameters take it: seconds with a nanosecond fraction.</summary>
    public static string UnixTimestamp(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var fraction);
        return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{fraction * 100:D9}");
    }

    async Task<JsonDocument> SendApiDocumentAsync(string path, QueryString? query, CancellationToken cancellationToken)
    {
        using var response = await SendApiAsync(HttpMethod.Get, path, query, null, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new DaemonConnectionException($"the daemon's answer to {path} is not valid JSON: {e.Message}", e);
        }
    }

    static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
