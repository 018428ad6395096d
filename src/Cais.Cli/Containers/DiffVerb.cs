using Cais.Api.Models.Containers;
using Cais.Cli.Daemon;

namespace Cais.Cli.Containers;

/// <summary>`cais diff CONTAINER`: files changed in the container's filesystem, "C /etc", "A /etc/x", "D /tmp/y".</summary>
public static class DiffVerb
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args) => Run(cli, args, "diff");

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command)
    {
        var usage = new VerbUsage(command, "CONTAINER", "Inspect changes to files or directories on a container's filesystem", ArgumentCount.Exactly(1));
        return VerbRunner.Run(cli, usage, args, async rest =>
        {
            foreach (var change in await cli.Client.GetContainerChangesAsync(rest[0]))
                cli.Out.WriteLine($"{Letter(change.Kind)} {change.Path}");
            return 0;
        });
    }

    static char Letter(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => 'A',
        ChangeKind.Deleted => 'D',
        _ => 'C',
    };
}
