using Cais.Api.Client;

namespace Cais.Cli.Daemon;

/// <summary>
/// Prints a progress stream (load, import) as docker's jsonmessage does when the output is not a
/// terminal: "stream" text as it is, a status on a line of its own (after its ID), and an error
/// message ends the command with that message.
/// </summary>
public static class ProgressPrinter
{
    public static async Task PrintAsync(DaemonCli cli, ProgressStream progress, CancellationToken cancellationToken = default)
    {
        await foreach (var message in progress.ReadAllAsync(cancellationToken))
        {
            if (message.ErrorDetail?.Message is { Length: > 0 } detail)
                throw new CommandException(detail);
            if (message.Error is { Length: > 0 } error)
                throw new CommandException(error);
            if (message.Id is { Length: > 0 } id) cli.Out.Write($"{id}: ");
            if (message.Stream is { } stream) cli.Out.Write(stream);
            else if (message.Status is { } status) cli.Out.WriteLine(message.Progress is { Length: > 0 } bar ? $"{status} {bar}" : status);
        }
        cli.Out.Flush();
    }
}
