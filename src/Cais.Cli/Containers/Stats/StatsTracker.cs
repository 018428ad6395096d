using Cais.Api.Client;
using Cais.Api.Client.Queries;

namespace Cais.Cli.Containers.Stats;

/// <summary>The containers `stats` shows, in the order they joined, each with its collector.</summary>
public sealed class StatsTracker(EngineClient client, bool stream, CancellationToken cancellationToken)
{
    readonly List<StatsCollector> collectors = [];
    readonly object gate = new();

    public int Count
    {
        get { lock (gate) return collectors.Count; }
    }

    /// <summary>Starts collecting for a container unless it is already shown.</summary>
    public void Add(string container)
    {
        StatsCollector collector;
        lock (gate)
        {
            if (collectors.Any(c => c.Container == container)) return;
            collector = new StatsCollector(container);
            collectors.Add(collector);
        }
        collector.Start(client, stream, cancellationToken);
    }

    public void Remove(string container)
    {
        lock (gate) collectors.RemoveAll(c => c.Container == container);
    }

    public IReadOnlyList<StatsEntry> Snapshot()
    {
        lock (gate) return [.. collectors.Select(c => c.Entry)];
    }

    public IReadOnlyList<string> Errors()
    {
        lock (gate) return [.. collectors.Select(c => c.Error).OfType<string>()];
    }

    /// <summary>Waits until each container has its first sample (or failed), at most <paramref name="timeout"/>.</summary>
    public async Task WaitForFirstSamplesAsync(TimeSpan timeout)
    {
        Task[] waits;
        lock (gate) waits = [.. collectors.Select(c => c.FirstSample)];
        await Task.WhenAny(Task.WhenAll(waits), Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Keeps the list current from the daemon's events: a started container joins (a created one
    /// too with <paramref name="all"/>), a dead one leaves unless <paramref name="all"/>. A daemon
    /// without events only shows the containers running at the start.
    /// </summary>
    public void FollowEvents(bool all) => _ = Task.Run(async () =>
    {
        try
        {
            var options = new EventsOptions { Filters = new Filters().Add("type", "container") };
            await foreach (var e in client.MonitorEventsAsync(options, cancellationToken).ConfigureAwait(false))
            {
                var id = e.Actor.Id.Length > 12 ? e.Actor.Id[..12] : e.Actor.Id;
                switch (e.Action)
                {
                    case "create" when all:
                    case "start":
                        Add(id);
                        break;
                    case "die" when !all:
                        Remove(id);
                        break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or EngineApiException or IOException or InvalidDataException or HttpRequestException)
        {
            // No events: the table keeps the containers it has.
        }
    }, CancellationToken.None);
}
