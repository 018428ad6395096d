using Cais.Cli.Daemon;

namespace Cais.Cli.Containers;

/// <summary>`cais kill`: a signal (SIGKILL unless -s says otherwise) to each container's main process.</summary>
public static class KillCommand
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args)
    {
        var verb = new VerbCommandLine("kill", "[OPTIONS] CONTAINER [CONTAINER...]", "Kill one or more running containers");
        var signal = verb.Flags.String("signal", 's', "", "Signal to send to the container");
        if (verb.Parse(cli, args, ArgCount.AtLeast(1), out var status) is not { } containers) return status;
        string? signalName = signal.Value.Length > 0 ? signal.Value : null;
        return LifecycleRunner.Run(cli, () => ForEachContainer.RunAsync(cli, containers, id => cli.Client.KillContainerAsync(id, signalName)));
    }
}
