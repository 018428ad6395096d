using Cais.Api.Client;
using Cais.Cli.Daemon;

namespace Cais.Cli.Containers;

/// <summary>`cais rename CONTAINER NEW_NAME`.</summary>
public static class RenameVerb
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args) => Run(cli, args, "rename");

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command)
    {
        var usage = new VerbUsage(command, "CONTAINER NEW_NAME", "Rename a container", ArgumentCount.Exactly(2));
        return VerbRunner.Run(cli, usage, args, async rest =>
        {
            var oldName = rest[0].Trim();
            var newName = rest[1].Trim();
            if (oldName.Length == 0 || newName.Length == 0)
                throw new CommandException("Error: Neither old nor new names may be empty");
            try
            {
                await cli.Client.RenameContainerAsync(oldName, newName);
            }
            catch (EngineApiException e)
            {
                // docker prints the daemon's reason, then its own summary.
                cli.Error.WriteLine($"Error response from daemon: {e.Message}");
                throw new CommandException($"Error: failed to rename container named {oldName}");
            }
            return 0;
        });
    }
}
