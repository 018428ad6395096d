using Cais.Api.Models.Containers;
using Cais.Cli.Daemon;
using Cais.Cli.Terminal;

namespace Cais.Cli.Containers;

/// <summary>`cais create`: the container made from the flags, not started; prints its full ID.</summary>
public static class CreateCommand
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args)
    {
        var verb = new VerbCommandLine("create", "[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create a new container", interspersed: false);
        var flags = new ContainerFlags(verb.Flags);
        if (verb.Parse(cli, args, ArgCount.AtLeast(1), out var status) is not { } rest) return status;
        ContainerCreateRequest request;
        try
        {
            var consoleSize = flags.Tty.Value ? ClientTerminal.ConsoleSize() : null;
            request = ContainerRequestBuilder.Build(flags, rest[0], rest.Skip(1).ToList(), consoleSize: consoleSize);
        }
        catch (InvalidOptionException e)
        {
            return verb.Failure(cli.Error, e.Message);
        }
        // Unlike run, create reports the daemon's refusals as plain errors with status 1, as docker does.
        return LifecycleRunner.Run(cli, async () =>
        {
            var id = await ContainerCreator.CreateAsync(cli, request, flags.Name.Value, flags.Platform.Value,
                flags.Pull.Value, flags.Quiet.Value, flags.ContainerIdFile.Value).ConfigureAwait(false);
            cli.Out.WriteLine(id);
            return 0;
        });
    }
}
