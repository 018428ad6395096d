using Cais.Api.Hosting;
using Cais.Engine.Errors;

namespace Cais.Api.Tests.Http;

public class ListenAddressTests
{
    [Theory]
    [InlineData("unix:///run/cais/cais.sock", "/run/cais/cais.sock")]
    [InlineData("unix://", "/run/cais/cais.sock")]
    [InlineData("", "/run/cais/cais.sock")]
    [InlineData("unix:///tmp/x.sock", "/tmp/x.sock")]
    public void Parse_Unix_Path(string text, string path)
    {
        var address = ListenAddress.Parse(text);
        Assert.True(address.IsUnix);
        Assert.Equal(path, address.SocketPath);
    }

    [Theory]
    [InlineData("tcp://0.0.0.0:2376", "0.0.0.0", 2376)]
    [InlineData("tcp://127.0.0.1", "127.0.0.1", 2376)]
    [InlineData("tcp://:2377", "0.0.0.0", 2377)]
    [InlineData("tcp://[::1]:2376", "::1", 2376)]
    [InlineData("localhost:2380", "localhost", 2380)]
    public void Parse_Tcp_HostAndPort(string text, string host, int port)
    {
        var address = ListenAddress.Parse(text);
        Assert.False(address.IsUnix);
        Assert.Equal(host, address.Host);
        Assert.Equal(port, address.Port);
    }

    [Theory]
    [InlineData("fd://", "socket activation")]
    [InlineData("ssh://host", "unix:// and tcp://")]
    [InlineData("http://x", "Invalid bind address format")]
    [InlineData("tcp://host:99999", "port")]
    [InlineData("tcp://host:http", "port")]
    [InlineData("unix://relative/path", "absolute")]
    public void Parse_Unsupported_NamesTheProblem(string text, string expected)
    {
        var e = Assert.Throws<InvalidParameterException>(() => ListenAddress.Parse(text));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void ToString_RoundTrips()
    {
        Assert.Equal("tcp://[::1]:2376", ListenAddress.Parse("tcp://[::1]:2376").ToString());
        Assert.Equal("unix:///tmp/x.sock", ListenAddress.Parse("unix:///tmp/x.sock").ToString());
    }
}
