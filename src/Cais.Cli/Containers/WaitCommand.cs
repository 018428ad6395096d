using Cais.Api.Client;
using Cais.Cli.Daemon;

namespace Cais.Cli.Containers;

/// <summary>`cais wait`: blocks until each container stops, then prints its exit code, in the order given.</summary>
public static class WaitCommand
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args)
    {
        var verb = new VerbCommandLine("wait", "CONTAINER [CONTAINER...]", "Block until one or more containers stop, then print their exit codes");
        if (verb.Parse(cli, args, ArgCount.AtLeast(1), out var status) is not { } containers) return status;
        return LifecycleRunner.Run(cli, async () =>
        {
            // All waits are placed at once, so a container that stops early is not missed.
            var waits = containers.Select(c => cli.Client.WaitContainerAsync(c)).ToList();
            int result = 0;
            foreach (var wait in waits)
            {
                try
                {
                    var exit = await wait.ConfigureAwait(false);
                    if (exit.Error is { Message.Length: > 0 } error)
                    {
                        cli.Error.WriteLine(error.Message);
                        result = 1;
                        continue;
                    }
                    cli.Out.WriteLine(exit.StatusCode);
                }
                catch (EngineApiException e)
                {
                    cli.Error.WriteLine($"Error response from daemon: {e.Message}");
                    result = 1;
                }
            }
            return result;
        });
    }
}
