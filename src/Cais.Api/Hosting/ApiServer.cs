using System.Net.Sockets;
using Cais.Api.Hijack;
using Cais.Api.Routing;
using Cais.Engine.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using CaisEngine = Cais.Engine.Engine;

namespace Cais.Api.Hosting;

/// <summary>
/// The Docker Engine API served by Kestrel (HTTP/1.1 only, as Docker) on unix sockets and
/// TLS-verified tcp ports. Start it, and stop it: a stop lets requests in flight finish for
/// <see cref="ApiServerOptions.ShutdownTimeout"/>, then closes their connections.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    readonly WebApplication app;
    readonly IReadOnlyList<string> socketPaths;
    int stopped;

    ApiServer(WebApplication app, IReadOnlyList<ListenAddress> addresses)
    {
        this.app = app;
        Addresses = addresses;
        socketPaths = [.. addresses.Where(a => a.IsUnix).Select(a => a.SocketPath!)];
    }

    /// <summary>Where the server listens.</summary>
    public IReadOnlyList<ListenAddress> Addresses { get; }

    public ILogger Logger => app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Cais.Api");

    public static async Task<ApiServer> StartAsync(ApiServerOptions options, CaisEngine engine, CancellationToken cancel = default)
    {
        if (options.Hosts.Count == 0) throw new InvalidParameterException("no address to listen on: give at least one -H");
        // Everything that can fail on bad options fails here, before a socket exists.
        var https = options.Hosts.Any(h => !h.IsUnix)
            ? TlsSetup.Create(options.Tls ?? throw new InvalidParameterException(
                $"refusing to listen on {options.Hosts.First(h => !h.IsUnix)} without --tlsverify: anyone who reaches the port would be root on this host"))
            : null;
        var handles = new List<(ListenAddress Address, ulong Handle)>();
        try
        {
            foreach (var host in options.Hosts.Where(h => h.IsUnix))
                handles.Add((host, UnixSocketBinder.BindAndListen(host.SocketPath!)));
            var app = Build(options, handles, https);
            var server = new ApiServer(app, options.Hosts);
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Cais.Api");
            var routes = Routes.Build();
            options.ExtraRoutes?.Invoke(routes);
            var router = new ApiRouter(routes, engine, options, logger, app.Lifetime.ApplicationStopping);
            app.Run(router.HandleAsync);
            try
            {
                await app.StartAsync(cancel);
            }
            catch (IOException e)
            {
                throw new InvalidParameterException($"cannot listen: {e.Message}");
            }
            return server;
        }
        catch
        {
            foreach (var (address, handle) in handles)
            {
                // Kestrel never took these over: close them here.
                new SafeSocketHandle((IntPtr)(long)handle, ownsHandle: true).Dispose();
                UnixSocketBinder.Remove(address.SocketPath!);
            }
            throw;
        }
    }

    static WebApplication Build(ApiServerOptions options, List<(ListenAddress Address, ulong Handle)> handles, HttpsConnectionAdapterOptions? https)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // No appsettings.json and no ASPNETCORE_* variables: the daemon's flags are its whole configuration.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(new LogfmtLoggerProvider(options.LogWriter ?? Console.Error, options.Debug ? LogLevel.Debug : options.LogLevel));
        builder.Services.AddSingleton<IHostLifetime, ExternalLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false; // Docker's Server header is set on every response instead
            // Image loads and builds stream gigabytes, attach sessions idle for hours, and a slow
            // `docker save | ...` reader is no reason to drop it: no size or rate limits on
            // bodies (JSON bodies are limited where they are read).
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            foreach (var (_, handle) in handles)
                kestrel.ListenHandle(handle, listen => Configure(listen, null));
            foreach (var host in options.Hosts.Where(h => !h.IsUnix))
                kestrel.Listen(host.ResolveHost(), host.Port, listen => Configure(listen, https));
        });
        return builder.Build();
    }

    static void Configure(ListenOptions listen, HttpsConnectionAdapterOptions? https)
    {
        listen.Protocols = HttpProtocols.Http1;
        // TLS outermost: the hijack support below it sees plain HTTP.
        if (https is not null) listen.UseHttps(https);
        listen.Use(next => connection => HijackConnection.RunAsync(connection, next));
    }

    /// <summary>Stops accepting, waits for requests in flight (up to the shutdown timeout), removes the sockets.</summary>
    public async Task StopAsync(CancellationToken cancel = default)
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0) return;
        try
        {
            await app.StopAsync(cancel);
        }
        finally
        {
            foreach (var path in socketPaths) UnixSocketBinder.Remove(path);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await app.DisposeAsync();
    }
}
