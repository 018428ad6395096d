using Cais.Cli;
using Cais.Cli.Daemon;

namespace Cais.Caisd;

/// <summary>
/// The verbs caisd knows: `image bootstrap`, served here; any other command that talks to a
/// daemon makes caisd become the <c>cais</c> beside it with the same command line. So caisd
/// carries none of the client (its verbs, tables, templates): a smaller daemon, in memory too.
/// </summary>
public sealed class ClientHandoff(string[] commandLine)
{
    public DaemonVerb Find(string name) => name == "image" ? Image : HandOff;

    int Image(DaemonCli cli, IReadOnlyList<string> args) =>
        args is ["bootstrap", ..] ? BootstrapVerb.Run(cli, [.. args.Skip(1)]) : HandOff(cli, args);

    int HandOff(DaemonCli cli, IReadOnlyList<string> args) =>
        SiblingExecutables.Become(SiblingExecutables.ClientPath, commandLine, "caisd", "the client");
}
