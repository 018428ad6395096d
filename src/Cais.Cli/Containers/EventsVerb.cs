using System.Text.Encodings.Web;
using System.Text.Json;
using Cais.Api.Client.Queries;
using Cais.Api.Models.Events;
using Cais.Cli.Daemon;
using Cais.Cli.Format;
using Cais.Cli.Format.Templates;
using Cais.CommandLine;

namespace Cais.Cli.Containers;

/// <summary>
/// `cais events`: the daemon's events as they happen (from --since, until --until or Ctrl-C), one
/// line each: "TIME TYPE ACTION ID (attributes)", or a template over docker's events.Message.
/// </summary>
public static class EventsVerb
{
    static readonly JsonSerializerOptions JsonOutput = new(EventJsonContext.Default.Options)
    {
        // Go's encoder in docker's json function leaves < > & as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Run(DaemonCli cli, IReadOnlyList<string> args) => Run(cli, args, "events");

    public static int Run(DaemonCli cli, IReadOnlyList<string> args, string command)
    {
        var usage = new VerbUsage(command, "[OPTIONS]", "Get real time events from the server", ArgumentCount.None);
        var f = new FlagSet(command);
        var filter = FilterFlag.Declare(f);
        var format = f.String("format", null, "", "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates");
        var since = f.String("since", null, "", "Show all events created since timestamp");
        var until = f.String("until", null, "", "Stream events until this timestamp");
        return VerbRunner.Run(cli, usage, f, args, async _ =>
        {
            var asJson = format.Value is "json" or "{{json .}}";
            GoTemplate? template = null;
            if (format.Value.Length > 0 && !asJson)
            {
                try
                {
                    template = GoTemplate.Parse(format.Value);
                    template.Execute(TextWriter.Null, Fields(new EventMessage()));
                }
                catch (TemplateException e)
                {
                    throw new CommandException($"Error parsing format: {e.Message}", 64);
                }
            }
            var now = DateTimeOffset.UtcNow;
            var options = new EventsOptions
            {
                Since = since.Value.Length > 0 ? Timestamp(since.Value, now) : null,
                Until = until.Value.Length > 0 ? Timestamp(until.Value, now) : null,
                Filters = FilterFlag.Parse(filter),
            };
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            try
            {
                await foreach (var message in cli.Client.MonitorEventsAsync(options, stop.Token))
                {
                    if (asJson) cli.Out.WriteLine(JsonSerializer.Serialize(message, JsonOutput.GetTypeInfo(typeof(EventMessage))));
                    else if (template is not null) cli.Out.WriteLine(template.Execute(Fields(message)));
                    else cli.Out.WriteLine(Pretty(message));
                    cli.Out.Flush();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            return 0;
        });
    }

    static string Timestamp(string value, DateTimeOffset now)
    {
        try
        {
            return TimestampArgument.Parse(value, now);
        }
        catch (FormatException e)
        {
            throw new CommandException(e.Message);
        }
    }

    /// <summary>docker's prettyPrintEvent: time with nanoseconds, type, action, actor ID, sorted attributes.</summary>
    public static string Pretty(EventMessage e)
    {
        var line = new System.Text.StringBuilder();
        if (e.TimeNano != 0) line.Append(GoTime.Rfc3339NanoFixed(e.TimeNano)).Append(' ');
        else if (e.Time != 0) line.Append(GoTime.Rfc3339NanoFixed(e.Time * 1_000_000_000L)).Append(' ');
        line.Append(e.Type).Append(' ').Append(e.Action).Append(' ').Append(e.Actor.Id);
        if (e.Actor.Attributes is { Count: > 0 } attributes)
            line.Append(" (").AppendJoin(", ", attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}")).Append(')');
        return line.ToString();
    }

    /// <summary>The message as a template sees Go's events.Message: its Go field names.</summary>
    static TemplateValue Fields(EventMessage e)
    {
        var attributes = (e.Actor.Attributes ?? []).ToDictionary(a => a.Key, a => TemplateValue.FromString(a.Value), StringComparer.Ordinal);
        return TemplateValue.FromMap(new Dictionary<string, TemplateValue>(StringComparer.Ordinal)
        {
            ["Status"] = TemplateValue.FromString(e.Status ?? ""),
            ["ID"] = TemplateValue.FromString(e.Id ?? ""),
            ["From"] = TemplateValue.FromString(e.From ?? ""),
            ["Type"] = TemplateValue.FromString(e.Type),
            ["Action"] = TemplateValue.FromString(e.Action),
            ["Actor"] = TemplateValue.FromMap(new Dictionary<string, TemplateValue>(StringComparer.Ordinal)
            {
                ["ID"] = TemplateValue.FromString(e.Actor.Id),
                ["Attributes"] = TemplateValue.FromMap(attributes),
            }),
            ["Scope"] = TemplateValue.FromString(e.Scope ?? ""),
            ["Time"] = TemplateValue.FromInt(e.Time),
            ["TimeNano"] = TemplateValue.FromInt(e.TimeNano),
        });
    }
}
