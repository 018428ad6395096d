using System.Globalization;
using System.Text.Json;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Cli.Queries;

/// <summary>`cais events` over a window of time: docker's lines, filters and templates.</summary>
[Collection("containers")]
public sealed class EventsTests(CaisDaemonFixture daemon) : IClassFixture<CaisDaemonFixture>
{
    readonly ContainerApi api = new(daemon);

    [RootFact]
    public void Events_SinceUntil_TheContainersCreateAndStart()
    {
        var since = Now();
        var name = ContainerApi.UniqueName("evented");
        var id = api.Running(name);
        var until = Now(1);

        var lines = daemon.Succeed("events", "--since", since, "--until", until, "--filter", $"container={id}").Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains(lines, l => l.Contains($" container create {id} (", StringComparison.Ordinal) && l.Contains($"name={name}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($" container start {id} (", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}(Z|[+-]\d\d:\d\d) container ", l));
    }

    [RootFact]
    public void Events_FormatAndJson()
    {
        var since = Now();
        var id = api.Running(ContainerApi.UniqueName("evented"));
        var until = Now(1);
        string[] window = ["--since", since, "--until", until, "--filter", $"container={id}", "--filter", "event=start"];

        Assert.Equal($"start {id}\n", daemon.Succeed(["events", .. window, "--format", "{{.Action}} {{.Actor.ID}}"]).Stdout);
        var json = JsonDocument.Parse(daemon.Succeed(["events", .. window, "--format", "json"]).Stdout).RootElement;
        Assert.Equal(("container", "start", id), (json.GetProperty("Type").GetString(), json.GetProperty("Action").GetString(), json.GetProperty("Actor").GetProperty("ID").GetString()));
        Assert.Equal(["status", "id", "from", "Type", "Action", "Actor", "scope", "time", "timeNano"], json.EnumerateObject().Select(p => p.Name));
    }

    [RootFact]
    public void Events_Following_PrintsEventsAsTheyHappenUntilInterrupted()
    {
        var name = ContainerApi.UniqueName("followed");
        // --since replays what happened before the subscription, so no event is lost to a slow start.
        var since = Now();
        var follower = Task.Run(() => ProcessRunner.Run("timeout", ["--preserve-status", "-s", "INT", "4", CaisBinary.Path, "-H", daemon.Host, "events", "--since", since, "--filter", $"container={name}", "--format", "{{.Action}}"],
            stdin: null, TimeSpan.FromSeconds(30), CaisDaemonFixture.ClientEnvironment));
        api.Running(name);

        var r = follower.Result;

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal(["create", "start"], r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [RootFact]
    public void Events_BadTimestampOrTemplate_Fails()
    {
        var time = daemon.Cais("events", "--since", "yesterday");
        Assert.Equal(1, time.ExitCode);
        Assert.Contains("yesterday", time.Stderr);

        var template = daemon.Cais("events", "--format", "{{.Nope", "--until", Now());
        Assert.Equal(64, template.ExitCode);
        Assert.StartsWith("Error parsing format: template: ", template.Stderr);
    }

    static string Now(int secondsAhead = 0) =>
        DateTimeOffset.UtcNow.AddSeconds(secondsAhead).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
