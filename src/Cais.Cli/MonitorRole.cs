using Cais.Engine.Monitor;

namespace Cais.Cli;

/// <summary>The monitor role of the executable (see ContainerMonitor).</summary>
internal static class MonitorRole
{
    public static int Run(string optionsPath) =>
        ContainerMonitor.Main(optionsPath, o => o.ExecProcessFile is null ? JsonFileContainerLog.Open(o) : new NullContainerLog());
}
