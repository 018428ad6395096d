using System.Net;
using System.Text.Json;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Reliability;

/// <summary>
/// What the daemon inherits beyond stdio (a shell's or a supervisor's descriptors) stays with
/// the daemon: its monitors, which can live for weeks, and its containers never hold it open.
/// </summary>
public sealed class InheritedFdTests
{
    [RootFact]
    public async Task DaemonInheritsAnOpenFile_NeitherSparesNorMonitorsNorContainersHoldIt()
    {
        using var scratch = new TempDir("cais-inherited-");
        var inherited = scratch.Combine("inherited-by-the-daemon");
        using var d = new DaemonProcess { InheritedFile = inherited };
        d.Start();
        var daemonPid = d.Pid;
        Assert.Contains(inherited, DaemonProcess.OpenFiles(daemonPid)); // the daemon keeps it

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (d.IdleSpares().Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        var spare = Assert.Single(d.IdleSpares());
        Assert.DoesNotContain(inherited, DaemonProcess.OpenFiles(spare));

        using var api = d.Api();
        var created = await api.PostAsync("/containers/create", DaemonProcess.Json("""{"Image":"busybox","Cmd":["sleep","300"]}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("Id").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/containers/{id}/start", null)).StatusCode);
        var inspect = JsonDocument.Parse(await api.GetStringAsync($"/containers/{id}/json")).RootElement;
        var containerPid = inspect.GetProperty("State").GetProperty("Pid").GetInt32();
        var monitor = Assert.Single(d.Monitors());
        Assert.DoesNotContain(inherited, DaemonProcess.OpenFiles(monitor));
        Assert.DoesNotContain(inherited, DaemonProcess.OpenFiles(containerPid));
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/containers/{id}?force=1")).StatusCode);
    }
}
