using Cais.Cli.Daemon;

namespace Cais.Cli.Containers;

/// <summary>`cais pause` and `cais unpause`: freeze and thaw every process of the containers.</summary>
public static class PauseVerbs
{
    public static int Pause(DaemonCli cli, IReadOnlyList<string> args) => Pause(cli, args, "pause");

    public static int Pause(DaemonCli cli, IReadOnlyList<string> args, string command) =>
        VerbRunner.Run(cli, new VerbUsage(command, "CONTAINER [CONTAINER...]", "Pause all processes within one or more containers", ArgumentCount.AtLeast(1)), args,
            names => ForEachContainer.RunAsync(cli, names, name => cli.Client.PauseContainerAsync(name)));

    public static int Unpause(DaemonCli cli, IReadOnlyList<string> args) => Unpause(cli, args, "unpause");

    public static int Unpause(DaemonCli cli, IReadOnlyList<string> args, string command) =>
        VerbRunner.Run(cli, new VerbUsage(command, "CONTAINER [CONTAINER...]", "Unpause all processes within one or more containers", ArgumentCount.AtLeast(1)), args,
            names => ForEachContainer.RunAsync(cli, names, name => cli.Client.UnpauseContainerAsync(name)));
}
