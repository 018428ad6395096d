using Cais.Cli.Daemon;
using Cais.Linux;

namespace Cais.Cli;

/// <summary>
/// The engine roles as <c>cais</c> serves them: by becoming <c>caisd</c> with the same command
/// line (execv: same pid, stdio and environment, so a supervisor or a test that started
/// `cais daemon` still holds the daemon's pid).
/// </summary>
public sealed class EngineHandoff(string[] commandLine) : IEngineRoles
{
    public int Daemon(string[] args) => HandOff();

    public int Bootstrap(DaemonCli cli, IReadOnlyList<string> args) => HandOff();

    int HandOff()
    {
        var engine = EngineExecutable.Path;
        try
        {
            ProcessImage.Replace(engine, [engine, .. commandLine]);
        }
        catch (SyscallException e)
        {
            Console.Error.WriteLine($"cais: cannot run {engine} (the engine executable, which serves this command): {Errno.Describe(e.Errno)}");
        }
        return 127;
    }
}
