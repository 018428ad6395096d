using Cais.Cli.Daemon;
using Cais.CommandLine;

namespace Cais.Cli.Containers;

/// <summary>`cais stop` and `cais restart`: the stop signal, then SIGKILL after the timeout; restart starts the container again.</summary>
public static class StopCommand
{
    public static int Stop(DaemonCli cli, IReadOnlyList<string> args) =>
        Run(cli, args, new VerbCommandLine("stop", "[OPTIONS] CONTAINER [CONTAINER...]", "Stop one or more running containers"),
            (id, timeout, signal) => cli.Client.StopContainerAsync(id, timeout, signal));

    public static int Restart(DaemonCli cli, IReadOnlyList<string> args) =>
        Run(cli, args, new VerbCommandLine("restart", "[OPTIONS] CONTAINER [CONTAINER...]", "Restart one or more containers"),
            (id, timeout, signal) => cli.Client.RestartContainerAsync(id, timeout, signal));

    static int Run(DaemonCli cli, IReadOnlyList<string> args, VerbCommandLine verb, Func<string, int?, string?, Task> operation)
    {
        var signal = verb.Flags.String("signal", 's', "", "Signal to send to the container");
        var timeout = verb.Flags.Int("timeout", 't', 0, "Seconds to wait before killing the container");
        timeout.Alias("time", "use --timeout instead");
        if (verb.Parse(cli, args, ArgCount.AtLeast(1), out var status) is not { } containers) return status;
        // Only a timeout given on the command line is sent: otherwise the container's own (--stop-timeout) applies.
        int? seconds = timeout.IsSet ? timeout.Value : null;
        string? signalName = signal.Value.Length > 0 ? signal.Value : null;
        return LifecycleRunner.Run(cli, () => ForEachContainer.RunAsync(cli, containers, id => operation(id, seconds, signalName)));
    }
}
