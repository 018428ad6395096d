using Cais.Engine.Events;
using Cais.Images.Service;

namespace Cais.Engine;

/// <summary>
/// The daemon's model of the host: images, containers (and later volumes and networks). The API
/// handlers call it; it is the only place that composes the lower projects.
/// </summary>
public sealed partial class Engine : IDisposable
{
    public Engine(EngineOptions options)
    {
        Options = options;
        Directory.CreateDirectory(options.DataRoot);
        Directory.CreateDirectory(options.ExecRoot);
        Images = new ImageStore(options.DataRoot);
        Events = new EngineEvents(Images);
        Directory.CreateDirectory(ContainersRoot);
        Directory.CreateDirectory(Path.Combine(options.ExecRoot, "containers"));
        monitors = new Monitor.MonitorLauncher(options.MonitorExecutable, options.ExecRoot);
        runtime = new Cais.Runtime.OciRuntime(RuntimeRoot, warn: w => Console.Error.WriteLine($"cais daemon: runtime: {w}"));
        LoadContainers();
    }

    public EngineOptions Options { get; }

    public ImageStore Images { get; }

    readonly Monitor.MonitorLauncher monitors;

    /// <summary>Starts a spare container monitor ahead of the first start (see <see cref="Monitor.MonitorLauncher"/>).</summary>
    public void WarmMonitors() => monitors.Warm();

    public void Dispose()
    {
        monitors.Dispose();
        Images.Dispose();
    }
}
