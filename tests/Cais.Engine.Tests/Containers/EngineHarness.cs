using Cais.Api.Models.Containers;
using Cais.Images.Service;
using Cais.TestSupport;

namespace Cais.Engine.Tests.Containers;

/// <summary>An engine on temporary data and exec roots with a busybox image, its monitors the published cais.</summary>
public sealed class EngineHarness : IDisposable
{
    readonly TempDir data = TempDir.Under(Path.Combine(TestPaths.Root, "engine"), "data-");
    readonly TempDir exec = TempDir.Under(Path.Combine(TestPaths.Root, "engine"), "exec-");

    public EngineHarness()
    {
        Engine = Open();
        ImageBootstrap.Busybox(Engine.Images);
    }

    public Engine Engine { get; private set; }

    public EngineOptions Options => new() { DataRoot = data.Path, ExecRoot = exec.Path, MonitorExecutable = CaisBinary.Path };

    Engine Open() => new(Options);

    /// <summary>A new engine over the same roots, as after a daemon restart (the old one is dropped, not stopped).</summary>
    public void Restart()
    {
        Engine.Dispose();
        Engine = Open();
    }

    public string Create(params string[] cmd) => Create(r => r.Cmd = [.. cmd]);

    public string Create(Action<ContainerCreateRequest> configure, string? name = null)
    {
        var request = new ContainerCreateRequest { Image = "busybox", HostConfig = new HostConfig() };
        configure(request);
        return Engine.CreateContainer(request, name).Id;
    }

    public void Dispose()
    {
        foreach (var c in Engine.Containers())
        {
            try { Engine.RemoveContainer(c.Id, force: true, removeVolumes: true).Wait(TimeSpan.FromSeconds(30)); }
            catch (Exception) { }
        }
        Engine.Dispose();
        exec.Dispose();
        data.Dispose();
    }
}
