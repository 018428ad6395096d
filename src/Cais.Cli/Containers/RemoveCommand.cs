using Cais.Api.Client.Queries;
using Cais.Cli.Daemon;

namespace Cais.Cli.Containers;

/// <summary>
/// `cais rm`: removes each container, reporting each failure and going on with the others; with
/// -f a container that does not exist is reported but does not fail the command, as in docker.
/// </summary>
public static class RemoveCommand
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args)
    {
        var verb = new VerbCommandLine("rm", "[OPTIONS] CONTAINER [CONTAINER...]", "Remove one or more containers");
        var f = verb.Flags;
        var force = f.Bool("force", 'f', "Force the removal of a running container (uses SIGKILL)");
        var link = f.Bool("link", 'l', "Remove the specified link");
        var volumes = f.Bool("volumes", 'v', "Remove anonymous volumes associated with the container");
        if (verb.Parse(cli, args, ArgCount.AtLeast(1), out var status) is not { } containers) return status;
        var options = new ContainerRemoveOptions { Force = force.Value, RemoveLink = link.Value, RemoveVolumes = volumes.Value };
        return LifecycleRunner.Run(cli, () =>
            ForEachContainer.RunAsync(cli, containers, id => cli.Client.RemoveContainerAsync(id, options), ignoreNotFound: force.Value));
    }
}
