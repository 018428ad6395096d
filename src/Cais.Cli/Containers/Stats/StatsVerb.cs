using Cais.Api.Client;
using Cais.Api.Client.Queries;
using Cais.Cli.Daemon;
using Cais.Cli.Format.Templates;
using Cais.CommandLine;

namespace Cais.Cli.Containers.Stats;

/// <summary>
/// `cais stats [OPTIONS] [CONTAINER...]`: CPU, memory, network, block I/O and pids of running
/// containers (or the named ones, or with -a all), as docker's table. Streaming redraws the table
/// every second; --no-stream prints it once. Without names, containers that start (or, with -a,
/// are created) while it runs join the table and those that die leave it.
/// </summary>
public static class StatsVerb
{
    static readonly TimeSpan RedrawInterval = TimeSpan.FromSeconds(1);
    static readonly TimeSpan FirstSampleTimeout = TimeSpan.FromSeconds(5);
    const string ClearScreen = "\u001b[2J\u001b[H";

    public static int Run(DaemonCli cli, IReadOnlyList<string> args) => Run(cli, args, "stats");

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command)
    {
        var usage = new VerbUsage(command, "[OPTIONS] [CONTAINER...]", "Display a live stream of container(s) resource usage statistics", ArgumentCount.AtLeast(0));
        var f = new FlagSet(command);
        var all = f.Bool("all", 'a', "Show all containers (default shows just running)");
        var format = f.String("format", null, "", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates");
        var noStream = f.Bool("no-stream", null, "Disable streaming stats and only pull the first result");
        var noTrunc = f.Bool("no-trunc", null, "Do not truncate output");
        return VerbRunner.Run(cli, usage, f, args, async names =>
        {
            if (format.Value is not ("" or "table" or "json"))
                ParseTemplate(format.Value);
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                // Ctrl-C ends the stream; the table on screen stays.
                e.Cancel = true;
                stop.Cancel();
            };
            var tracker = new StatsTracker(cli.Client, stream: !noStream.Value, stop.Token);
            bool showAll = names.Count == 0;
            if (showAll)
            {
                if (!noStream.Value)
                    tracker.FollowEvents(all.Value);
                var containers = await cli.Client.ListContainersAsync(new ContainerListOptions { All = all.Value }, stop.Token);
                foreach (var c in containers)
                    tracker.Add(c.Id[..Math.Min(12, c.Id.Length)]);
            }
            else
            {
                foreach (var name in names)
                    tracker.Add(name);
            }
            await tracker.WaitForFirstSamplesAsync(FirstSampleTimeout);
            if (!showAll && tracker.Errors() is { Count: > 0 } errors)
                throw new CommandException(string.Join('\n', errors));

            while (true)
            {
                var screen = new StringWriter();
                if (!noStream.Value) screen.Write(ClearScreen);
                var rows = tracker.Snapshot().Select(e => TemplateValue.FromObject(new StatsRow(e, !noTrunc.Value)));
                FormatRenderer.Render(screen, format.Value, rows, StatsRow.Headers, StatsRow.DefaultTableFormat);
                cli.Out.Write(screen.ToString());
                cli.Out.Flush();
                if (noStream.Value || stop.IsCancellationRequested || (!showAll && tracker.Count == 0)) break;
                try
                {
                    await Task.Delay(RedrawInterval, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            stop.Cancel();
            return 0;
        });
    }

    static void ParseTemplate(string format)
    {
        try
        {
            GoTemplate.Parse(format.StartsWith("table", StringComparison.Ordinal) ? format[5..] : format);
        }
        catch (TemplateException e)
        {
            throw new CommandException($"template parsing error: {e.Message}");
        }
    }
}
