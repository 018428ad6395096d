using Cais.Cli.Daemon;

namespace Cais.Cli;

/// <summary>
/// The roles only the engine executable, <c>caisd</c>, carries: the daemon and `image bootstrap`
/// (which writes an image store). They pull in the API server, the
/// engine and SQLite; kept out of <c>cais</c>, the client starts in half the time (NativeAOT
/// rehydrates every type the binary holds at start-up, and page faults are dear on these VMs).
/// <c>cais</c> hands these commands to <c>caisd</c> (<see cref="EngineHandoff"/>); <c>caisd</c>
/// runs them itself.
/// </summary>
public interface IEngineRoles
{
    /// <summary>`daemon ARGS`.</summary>
    int Daemon(string[] args);

    /// <summary>`image bootstrap ARGS`.</summary>
    int Bootstrap(DaemonCli cli, IReadOnlyList<string> args);
}
