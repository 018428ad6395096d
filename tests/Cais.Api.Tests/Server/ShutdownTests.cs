using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Cais.Api.Tests.Support;

namespace Cais.Api.Tests.Server;

/// <summary>A stop lets short requests finish, ends endless ones at once, and leaves no socket behind.</summary>
public class ShutdownTests
{
    [Fact]
    public async Task Stop_RequestInFlight_FinishesBeforeTheServerGoes()
    {
        var api = await ApiServerHarness.StartAsync(TestRoutes.Add);
        try
        {
            var slow = api.Client.GetAsync("/test/slow");
            await Task.Delay(150);
            await api.Server.StopAsync();
            using var response = await slow;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("finished", await response.Content.ReadAsStringAsync());
            Assert.False(File.Exists(api.SocketPath));
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            Assert.ThrowsAny<SocketException>(() => socket.Connect(new UnixDomainSocketEndPoint(api.SocketPath)));
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task Stop_EndlessRequest_CancelledAtOnceWith503()
    {
        var api = await ApiServerHarness.StartAsync(TestRoutes.Add);
        try
        {
            var endless = api.Client.GetAsync("/test/forever");
            await Task.Delay(150);
            var clock = Stopwatch.StartNew();
            await api.Server.StopAsync();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"stop took {clock.Elapsed}: it waited for the endless request");
            using var response = await endless;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("shutting down", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            await api.DisposeAsync();
        }
    }
}
