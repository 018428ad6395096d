using System.Globalization;

namespace Cais.Api.Client.Connection;

/// <summary>How the client reaches the daemon.</summary>
public enum DaemonTransport
{
    Unix,
    Tcp,
}

/// <summary>
/// The address of a daemon, parsed from <c>-H</c>, <c>CAIS_HOST</c> or <c>DOCKER_HOST</c> the way
/// the docker CLI parses them: <c>unix:///path</c> (<c>unix://</c> alone is the default socket),
/// <c>tcp://host:port</c> (host defaults to localhost, port to 2375, or 2376 with TLS), and a bare
/// <c>host:port</c> taken as TCP. <c>fd://</c> (socket activation, a daemon-side address) and
/// <c>ssh://</c> are refused with an explanation.
/// </summary>
public sealed record DaemonEndpoint
{
    public const string DefaultSocketPath = "/run/cais/cais.sock";
    public const int DefaultTcpPort = 2375;
    public const int DefaultTlsTcpPort = 2376;

    DaemonEndpoint(DaemonTransport transport, string? socketPath, string? host, int port, DaemonTlsOptions? tls)
    {
        Transport = transport;
        SocketPath = socketPath;
        Host = host;
        Port = port;
        Tls = tls;
    }

    public static DaemonEndpoint Default { get; } = Unix(DefaultSocketPath);

    public DaemonTransport Transport { get; }

    /// <summary>The socket's path, for <see cref="DaemonTransport.Unix"/>.</summary>
    public string? SocketPath { get; }

    /// <summary>The host name or address (IPv6 without brackets), for <see cref="DaemonTransport.Tcp"/>.</summary>
    public string? Host { get; }

    /// <summary>The TCP port; 0 for unix sockets.</summary>
    public int Port { get; }

    /// <summary>TLS settings; null for a plain connection.</summary>
    public DaemonTlsOptions? Tls { get; init; }

    /// <summary>The address as docker prints it in messages: <c>unix:///run/cais/cais.sock</c>, <c>tcp://10.0.0.5:2376</c>.</summary>
    public string Uri => Transport == DaemonTransport.Unix
        ? "unix://" + SocketPath
        : $"tcp://{(Host!.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public override string ToString() => Uri;

    public static DaemonEndpoint Unix(string socketPath)
    {
        if (string.IsNullOrEmpty(socketPath))
            throw new ArgumentException("a unix socket path is required", nameof(socketPath));
        return new(DaemonTransport.Unix, socketPath, null, 0, null);
    }

    public static DaemonEndpoint Tcp(string host, int port)
    {
        if (string.IsNullOrEmpty(host))
            throw new ArgumentException("a host is required", nameof(host));
        if (port is < 1 or > 65535)
            throw new ArgumentOutOfRangeException(nameof(port), port, "a TCP port is 1 to 65535");
        return new(DaemonTransport.Tcp, null, host, port, null);
    }

    /// <summary>
    /// Parses a daemon address. <paramref name="useTls"/> only picks the default TCP port (2376
    /// instead of 2375); the TLS settings themselves are set with <see cref="Tls"/>.
    /// </summary>
    /// <exception cref="FormatException">The address is malformed or uses a scheme the client cannot connect to.</exception>
    public static DaemonEndpoint Parse(string address, bool useTls = false)
    {
        ArgumentNullException.ThrowIfNull(address);
        var text = address.Trim();
        if (text.Length == 0)
            return Default;

        var separator = text.IndexOf("://", StringComparison.Ordinal);
        var scheme = separator < 0 ? "tcp" : text[..separator].ToLowerInvariant();
        var rest = separator < 0 ? text : text[(separator + 3)..];

        return scheme switch
        {
            "unix" => ParseUnix(address, rest),
            "tcp" => ParseTcp(address, rest, useTls ? DefaultTlsTcpPort : DefaultTcpPort),
            "fd" => throw new FormatException(
                $"invalid daemon address '{address}': fd:// addresses are sockets handed to the daemon by systemd; a client cannot connect to one (use unix://{DefaultSocketPath})"),
            "ssh" => throw new FormatException(
                $"invalid daemon address '{address}': ssh:// is not supported; forward the daemon's socket instead " +
                $"(ssh -nNT -L /tmp/cais.sock:{DefaultSocketPath} user@host) and use unix:///tmp/cais.sock"),
            "npipe" => throw new FormatException($"invalid daemon address '{address}': npipe:// is for Windows named pipes"),
            _ => throw new FormatException($"invalid daemon address '{address}': unknown scheme '{scheme}' (use unix:// or tcp://)"),
        };
    }

    static DaemonEndpoint ParseUnix(string address, string path)
    {
        if (path.Contains("://", StringComparison.Ordinal))
            throw new FormatException($"invalid daemon address '{address}': expected unix://<path>");
        return Unix(path.Length == 0 ? DefaultSocketPath : path);
    }

    static DaemonEndpoint ParseTcp(string address, string hostPort, int defaultPort)
    {
        var slash = hostPort.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (hostPort[slash..] != "/")
                throw new FormatException($"invalid daemon address '{address}': a path after the port is not supported");
            hostPort = hostPort[..slash];
        }

        string host;
        string portText;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
                throw new FormatException($"invalid daemon address '{address}': missing ']' after an IPv6 address");
            host = hostPort[1..close];
            var after = hostPort[(close + 1)..];
            if (after.Length > 0 && after[0] != ':')
                throw new FormatException($"invalid daemon address '{address}': expected ':' and a port after ']'");
            portText = after.Length > 0 ? after[1..] : "";
        }
        else
        {
            var colon = hostPort.LastIndexOf(':');
            if (colon >= 0 && hostPort.IndexOf(':', StringComparison.Ordinal) != colon)
                throw new FormatException($"invalid daemon address '{address}': put an IPv6 address in brackets, e.g. tcp://[::1]:2375");
            host = colon < 0 ? hostPort : hostPort[..colon];
            portText = colon < 0 ? "" : hostPort[(colon + 1)..];
        }

        if (host.Length == 0)
            host = "localhost";
        var port = defaultPort;
        if (portText.Length > 0
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
            throw new FormatException($"invalid daemon address '{address}': invalid port '{portText}'");
        return Tcp(host, port);
    }
}
