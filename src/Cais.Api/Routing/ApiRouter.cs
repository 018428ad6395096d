using System.Text.RegularExpressions;
using Cais.Api.Errors;
using Cais.Api.Hijack;
using Cais.Api.Hosting;
using Cais.Api.Http;
using Cais.Api.Streams;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using CaisEngine = Cais.Engine.Engine;

namespace Cais.Api.Routing;

/// <summary>
/// The one terminal middleware: Docker's headers on every response, the /v1.NN prefix taken off
/// and checked, the route found, the handler run, and any exception turned into Docker's error
/// response through <see cref="ErrorMapper"/>. Nothing a client sends can crash the server: an
/// unexpected exception is a 500 with its message.
/// </summary>
internal sealed partial class ApiRouter(RouteTable routes, CaisEngine engine, ApiServerOptions options, ILogger logger, CancellationToken stopping)
{
    [GeneratedRegex(@"^/v(?<version>[0-9.]+)(?<path>/.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPrefix();

    public async Task HandleAsync(HttpContext http)
    {
        DockerHeaders.Apply(http.Response);
        var request = http.Request;
        var path = request.Path.HasValue ? request.Path.Value! : "/";
        string? requested = null;
        if (VersionPrefix().Match(path) is { Success: true } prefixed)
        {
            requested = prefixed.Groups["version"].Value;
            path = prefixed.Groups["path"].Success ? prefixed.Groups["path"].Value : "";
        }
        using var endless = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var aborted = http.RequestAborted;
        var upgradeRequested = RawStreamStarter.HasConnectionUpgrade(request);
        try
        {
            var match = routes.Match(request.Method, path);
            if (match is null)
            {
                logger.LogDebug("no route for {Method} {Path}", request.Method, request.Path);
                await ErrorResponseWriter.WriteAsync(http.Response, StatusCodes.Status404NotFound, "page not found", aborted);
                return;
            }
            var version = requested is null ? ApiVersion.Max : new ApiVersion(requested);
            if (version < ApiVersion.Min)
            {
                await ErrorResponseWriter.WriteAsync(http.Response, StatusCodes.Status400BadRequest,
                    $"client version {requested} is too old. Minimum supported API version is {ApiVersion.Min}, please upgrade your client to a newer version", aborted);
                return;
            }
            if (version > ApiVersion.Max)
            {
                await ErrorResponseWriter.WriteAsync(http.Response, StatusCodes.Status400BadRequest,
                    $"client version {requested} is too new. Maximum supported API version is {ApiVersion.Max}", aborted);
                return;
            }
            logger.LogDebug("Calling {Method} {Path}", request.Method, request.Path);
            var context = new ApiContext(http, engine, options, version, match.Value.Values, logger, stopping, endless.Token);
            await RunAsync(context, match.Value.Route);
        }
        finally
        {
            if (upgradeRequested) http.Features.Get<HijackConnectionFeature>()?.UpgradeRequestFinished();
        }
    }

    async Task RunAsync(ApiContext context, Route route)
    {
        var http = context.Http;
        try
        {
            await route.Handler(context);
        }
        catch (OperationCanceledException) when (context.EndlessAborted.IsCancellationRequested)
        {
            // The client went away, or the server is stopping and this request would not end.
            logger.LogDebug("{Method} {Path}: cancelled", http.Request.Method, http.Request.Path);
            if (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
                await ErrorResponseWriter.WriteAsync(http.Response, StatusCodes.Status503ServiceUnavailable, "the daemon is shutting down", CancellationToken.None);
        }
        catch (Exception e) when (http.RequestAborted.IsCancellationRequested)
        {
            // A write or read failed because the client hung up: not the server's error.
            logger.LogDebug("{Method} {Path}: the client went away ({Message})", http.Request.Method, http.Request.Path, e.Message);
            http.Abort();
        }
        catch (Exception e)
        {
            var status = ErrorMapper.StatusOf(e);
            var message = ErrorMapper.MessageOf(e);
            if (status >= 500) logger.LogError(e, "Handler for {Method} {Path} returned error: {Message}", http.Request.Method, http.Request.Path, message);
            else logger.LogDebug("Handler for {Method} {Path} returned error: {Message}", http.Request.Method, http.Request.Path, message);
            if (http.Response.HasStarted)
            {
                // Half a body is out (a tar, a raw stream): an error now would corrupt it. Cut
                // the connection so the client sees a failed transfer, not a short success.
                http.Abort();
                return;
            }
            http.Response.Clear();
            DockerHeaders.Apply(http.Response);
            await ErrorResponseWriter.WriteAsync(http.Response, status, message, context.Aborted);
        }
    }
}
