using Cais.Cli.Daemon;

namespace Cais.Cli;

/// <summary>The engine roles as <c>cais</c> serves them: by becoming <c>caisd</c> with the same command line.</summary>
public sealed class EngineHandoff(string[] commandLine) : IEngineRoles
{
    public int Daemon(string[] args) => HandOff();

    public int Bootstrap(DaemonCli cli, IReadOnlyList<string> args) => HandOff();

    int HandOff() => SiblingExecutables.Become(SiblingExecutables.EnginePath, commandLine, "cais", "the engine executable");
}
