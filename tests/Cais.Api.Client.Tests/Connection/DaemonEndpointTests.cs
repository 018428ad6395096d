using Cais.Api.Client.Connection;

namespace Cais.Api.Client.Tests.Connection;

public sealed class DaemonEndpointTests
{
    [Theory]
    [InlineData("unix:///run/cais/cais.sock", "/run/cais/cais.sock")]
    [InlineData("unix:///var/run/docker.sock", "/var/run/docker.sock")]
    [InlineData("unix://", "/run/cais/cais.sock")]
    [InlineData("  unix:///tmp/x.sock  ", "/tmp/x.sock")]
    [InlineData("UNIX:///tmp/x.sock", "/tmp/x.sock")]
    [InlineData("unix://relative/cais.sock", "relative/cais.sock")]
    public void Parse_Unix_GivesTheSocketPath(string address, string path)
    {
        var endpoint = DaemonEndpoint.Parse(address);

        Assert.Equal(DaemonTransport.Unix, endpoint.Transport);
        Assert.Equal(path, endpoint.SocketPath);
        Assert.Equal("unix://" + path, endpoint.Uri);
    }

    [Theory]
    [InlineData("tcp://10.0.0.5:2376", false, "10.0.0.5", 2376)]
    [InlineData("tcp://example.com", false, "example.com", 2375)]
    [InlineData("tcp://example.com", true, "example.com", 2376)]
    [InlineData("tcp://:4000", false, "localhost", 4000)]
    [InlineData("tcp://", false, "localhost", 2375)]
    [InlineData("tcp://[::1]:2375", false, "::1", 2375)]
    [InlineData("tcp://[fe80::1]", true, "fe80::1", 2376)]
    [InlineData("tcp://host:2375/", false, "host", 2375)]
    [InlineData("192.168.1.2:9000", false, "192.168.1.2", 9000)]
    [InlineData("myhost", false, "myhost", 2375)]
    public void Parse_Tcp_GivesHostAndPort(string address, bool tls, string host, int port)
    {
        var endpoint = DaemonEndpoint.Parse(address, tls);

        Assert.Equal(DaemonTransport.Tcp, endpoint.Transport);
        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
    }

    [Fact]
    public void Uri_Ipv6_IsBracketed()
    {
        Assert.Equal("tcp://[::1]:2375", DaemonEndpoint.Parse("tcp://[::1]:2375").Uri);
    }

    [Fact]
    public void Parse_Empty_IsTheDefaultSocket()
    {
        Assert.Equal("unix:///run/cais/cais.sock", DaemonEndpoint.Parse("   ").Uri);
    }

    [Theory]
    [InlineData("fd://", "fd:// addresses are sockets handed to the daemon")]
    [InlineData("fd://3", "fd:// addresses are sockets handed to the daemon")]
    [InlineData("ssh://me@host", "ssh:// is not supported")]
    [InlineData("npipe:////./pipe/docker_engine", "npipe://")]
    [InlineData("http://host:2375", "unknown scheme 'http'")]
    [InlineData("tcp://host:port", "invalid port 'port'")]
    [InlineData("tcp://host:0", "invalid port '0'")]
    [InlineData("tcp://host:70000", "invalid port '70000'")]
    [InlineData("tcp://host:-1", "invalid port '-1'")]
    [InlineData("tcp://host:2375/v1.40", "a path after the port is not supported")]
    [InlineData("tcp://::1:2375", "put an IPv6 address in brackets")]
    [InlineData("tcp://[::1", "missing ']'")]
    [InlineData("tcp://[::1]x", "expected ':' and a port")]
    [InlineData("unix://unix:///x", "expected unix://<path>")]
    public void Parse_Refused_ThrowsExplaining(string address, string reason)
    {
        var e = Assert.Throws<FormatException>(() => DaemonEndpoint.Parse(address));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Contains($"'{address}'", e.Message, StringComparison.Ordinal);
    }
}
