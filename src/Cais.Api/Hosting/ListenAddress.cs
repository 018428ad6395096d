using System.Globalization;
using System.Net;
using Cais.Engine.Errors;

namespace Cais.Api.Hosting;

/// <summary>
/// One address the API listens on, as dockerd's -H takes it: <c>unix:///run/cais/cais.sock</c>
/// (<c>unix://</c> alone means the default socket) or <c>tcp://host:port</c> (port 2376, Docker's
/// TLS port, when omitted).
/// </summary>
public sealed record ListenAddress
{
    public const string DefaultUnixSocket = "/run/cais/cais.sock";
    public const int DefaultTlsPort = 2376;

    ListenAddress(string? socketPath, string? host, int port)
    {
        SocketPath = socketPath;
        Host = host;
        Port = port;
    }

    /// <summary>The socket's path for a unix address; null for tcp.</summary>
    public string? SocketPath { get; }

    /// <summary>The host (name or IP literal, without brackets) for a tcp address; null for unix.</summary>
    public string? Host { get; }

    public int Port { get; }

    public bool IsUnix => SocketPath is not null;

    public static ListenAddress Unix(string path) => new(Path.GetFullPath(path), null, 0);

    public static ListenAddress Tcp(string host, int port) => new(null, host, port);

    /// <summary>Parses a -H value; InvalidParameterException names what is wrong with it.</summary>
    public static ListenAddress Parse(string text)
    {
        var value = text.Trim();
        if (value.Length == 0) return Unix(DefaultUnixSocket);
        if (value.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = value["unix://".Length..];
            if (path.Length == 0) return Unix(DefaultUnixSocket);
            if (!path.StartsWith('/')) throw new InvalidParameterException($"invalid unix socket address {text}: the path must be absolute (unix:///path/to/socket)");
            return Unix(path);
        }
        if (value.StartsWith("tcp://", StringComparison.Ordinal)) return ParseTcp(text, value["tcp://".Length..]);
        if (value.StartsWith("fd://", StringComparison.Ordinal))
            throw new InvalidParameterException($"{text}: socket activation (fd://) is not supported by cais; give a unix:// or tcp:// address");
        if (value.StartsWith("ssh://", StringComparison.Ordinal) || value.StartsWith("npipe://", StringComparison.Ordinal))
            throw new InvalidParameterException($"{text}: the daemon can only listen on unix:// and tcp:// addresses");
        if (value.Contains("://", StringComparison.Ordinal))
            throw new InvalidParameterException($"Invalid bind address format: {text}");
        // dockerd takes a bare host:port as tcp.
        return ParseTcp(text, value);
    }

    static ListenAddress ParseTcp(string original, string hostPort)
    {
        var slash = hostPort.IndexOf('/');
        if (slash >= 0)
        {
            if (hostPort[slash..] != "/") throw new InvalidParameterException($"Invalid bind address format: {original}: a tcp address has no path");
            hostPort = hostPort[..slash];
        }
        string host;
        string? portText = null;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']');
            if (close < 0) throw new InvalidParameterException($"Invalid bind address format: {original}: unclosed [ in an IPv6 address");
            host = hostPort[1..close];
            var rest = hostPort[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':') throw new InvalidParameterException($"Invalid bind address format: {original}");
                portText = rest[1..];
            }
        }
        else
        {
            var colon = hostPort.LastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort[..colon];
            portText = colon < 0 ? null : hostPort[(colon + 1)..];
        }
        if (host.Length == 0) host = "0.0.0.0";
        int port = DefaultTlsPort;
        if (!string.IsNullOrEmpty(portText)
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
            throw new InvalidParameterException($"Invalid bind address format: {original}: port \"{portText}\" is not a number from 1 to 65535");
        return Tcp(host, port);
    }

    /// <summary>The IP to bind for a tcp address (the first one a host name resolves to).</summary>
    internal IPAddress ResolveHost()
    {
        if (Host is null) throw new InvalidOperationException("not a tcp address");
        if (IPAddress.TryParse(Host, out var ip)) return ip;
        var addresses = Dns.GetHostAddresses(Host);
        return addresses.Length > 0 ? addresses[0] : throw new InvalidParameterException($"tcp://{Host}:{Port}: the host name does not resolve to an address");
    }

    public override string ToString() =>
        IsUnix ? "unix://" + SocketPath : $"tcp://{(Host!.Contains(':') ? "[" + Host + "]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
