using Cais.Api.Hijack;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Cais.Api.Streams;

/// <summary>
/// Starts the response of attach and exec-start. A client that asks for an upgrade
/// (<c>Connection: Upgrade</c>, <c>Upgrade: tcp</c>) gets a 101 (Docker's reason phrase is
/// "UPGRADED", Kestrel's is "Switching Protocols"; clients read only the code) and the
/// connection itself as a duplex stream; any other gets 200 with the stream content type, the
/// request body as input and the response body as output.
/// </summary>
internal static class RawStreamStarter
{
    public const string RawContentType = "application/vnd.docker.raw-stream";
    public const string MultiplexedContentType = "application/vnd.docker.multiplexed-stream";

    /// <summary>True when the request asks for Docker's hijack: Connection: Upgrade and Upgrade: tcp.</summary>
    public static bool WantsUpgrade(HttpRequest request) =>
        HasConnectionUpgrade(request)
        && request.Headers.Upgrade.Any(v => v is not null && v.Split(',').Any(t => t.Trim().Equals("tcp", StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// True when the Connection header carries "upgrade": exactly the requests the framing pump
    /// holds the connection for until the router reports them finished.
    /// </summary>
    public static bool HasConnectionUpgrade(HttpRequest request) =>
        request.Headers.Connection.Any(v => v is not null && v.Split(',').Any(t => t.Trim().Equals("upgrade", StringComparison.OrdinalIgnoreCase)));

    public static async Task<RawStream> StartAsync(HttpContext http, bool tty)
    {
        var contentType = tty ? RawContentType : MultiplexedContentType;
        var upgrade = http.Features.Get<IHttpUpgradeFeature>();
        if (WantsUpgrade(http.Request) && upgrade is { IsUpgradableRequest: true })
        {
            http.Response.Headers.ContentType = contentType;
            http.Response.Headers.Connection = "Upgrade";
            http.Response.Headers.Upgrade = "tcp";
            // Before the 101 goes out: from here on the framing pump passes every byte through.
            http.Features.Get<HijackConnectionFeature>()?.MarkHijacked();
            var duplex = await upgrade.UpgradeAsync();
            return new RawStream(duplex, duplex, upgraded: true, contentType);
        }
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = contentType;
        await http.Response.StartAsync(http.RequestAborted);
        return new RawStream(http.Request.Body, http.Response.Body, upgraded: false, contentType);
    }
}
