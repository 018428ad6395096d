using Microsoft.Extensions.Logging;

namespace Cais.Api.Hosting;

/// <summary>How the API server listens and what it reports about itself.</summary>
public sealed record ApiServerOptions
{
    /// <summary>Where to listen (dockerd's -H); at least one.</summary>
    public IReadOnlyList<ListenAddress> Hosts { get; init; } = [ListenAddress.Unix(ListenAddress.DefaultUnixSocket)];

    /// <summary>Required for tcp listeners.</summary>
    public TlsOptions? Tls { get; init; }

    /// <summary>Debug mode: debug logging, and /info reports file descriptors and threads.</summary>
    public bool Debug { get; init; }

    /// <summary>The least severe message written to stderr (Information unless debug).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Container counts by state for /info; null (the daemon's case) counts the engine's containers.</summary>
    public Func<ContainerCounts>? ContainerCounts { get; init; }

    /// <summary>How long a stop waits for requests in flight before it closes their connections.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where log lines go; stderr unless a test captures them.</summary>
    public TextWriter? LogWriter { get; init; }

    /// <summary>Routes added after Docker's (tests exercise the plumbing through handlers of their own).</summary>
    internal Action<Routing.RouteTable>? ExtraRoutes { get; init; }
}
