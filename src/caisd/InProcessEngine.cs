using Cais.Cli;
using Cais.Cli.Daemon;

namespace Cais.Caisd;

/// <summary>The engine roles served by caisd itself.</summary>
public sealed class InProcessEngine : IEngineRoles
{
    public int Daemon(string[] args) => Cais.Daemon.DaemonMain.Run(args);

    public int Bootstrap(DaemonCli cli, IReadOnlyList<string> args) => BootstrapVerb.Run(cli, args);
}
