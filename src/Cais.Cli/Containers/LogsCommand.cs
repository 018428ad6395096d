using Cais.Api.Client.Queries;
using Cais.Api.Models.Streams;
using Cais.Cli.Containers.Options;
using Cais.Cli.Daemon;

namespace Cais.Cli.Containers;

/// <summary>`cais logs`: what a container wrote, from its log, to our stdout and stderr (-f to keep following).</summary>
public static class LogsCommand
{
    public static int Run(DaemonCli cli, IReadOnlyList<string> args)
    {
        var verb = new VerbCommandLine("logs", "[OPTIONS] CONTAINER", "Fetch the logs of a container");
        var f = verb.Flags;
        var details = f.Bool("details", null, "Show extra details provided to logs");
        var follow = f.Bool("follow", 'f', "Follow log output");
        var since = f.String("since", null, "", "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)");
        var tail = f.String("tail", 'n', "all", "Number of lines to show from the end of the logs");
        var timestamps = f.Bool("timestamps", 't', "Show timestamps");
        var until = f.String("until", null, "", "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)");
        if (verb.Parse(cli, args, ArgCount.Exactly(1), out var status) is not { } rest) return status;
        return LifecycleRunner.Run(cli, async () =>
        {
            var now = DateTimeOffset.Now;
            var options = new ContainerLogsOptions
            {
                Follow = follow.Value,
                Timestamps = timestamps.Value,
                Details = details.Value,
                Tail = tail.Value,
                Since = since.Value.Length > 0 ? TimeArgument.ToUnixTimestamp(since.Value, now, "since") : null,
                Until = until.Value.Length > 0 ? TimeArgument.ToUnixTimestamp(until.Value, now, "until") : null,
            };
            // Whether the container has a TTY decides how the body is framed; the label on the answer is not always there.
            var container = await cli.Client.InspectContainerAsync(rest[0]).ConfigureAwait(false);
            await using var logs = await cli.Client.GetContainerLogsAsync(container.Id, options).ConfigureAwait(false);
            var stdout = ClientStreams.Stdout;
            try
            {
                if (container.Config?.Tty == true) await logs.Body.CopyToAsync(stdout).ConfigureAwait(false);
                else await new MultiplexedStreamReader(logs.Body).CopyToAsync(stdout, ClientStreams.Stderr).ConfigureAwait(false);
            }
            catch (IOException e) when (e is not DaemonStreamErrorException && e is not MultiplexedStreamException)
            {
                // Our stdout was closed (`cais logs -f x | head`): done.
            }
            return 0;
        });
    }
}
