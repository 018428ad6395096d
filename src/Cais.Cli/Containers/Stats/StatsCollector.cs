using Cais.Api.Client;

namespace Cais.Cli.Containers.Stats;

/// <summary>
/// Keeps the latest figures of one container: a single sample (--no-stream) or a stream read in
/// the background until cancelled. A failure marks the entry invalid and keeps its message for
/// the containers the user named.
/// </summary>
public sealed class StatsCollector
{
    readonly TaskCompletionSource firstSample = new(TaskCreationOptions.RunContinuationsAsynchronously);
    StatsEntry entry;

    public StatsCollector(string container)
    {
        Container = container;
        entry = StatsEntry.Invalid(container);
    }

    public string Container { get; }

    public StatsEntry Entry => Volatile.Read(ref entry);

    /// <summary>Why the stats could not be read, docker-worded; null while all is well.</summary>
    public string? Error { get; private set; }

    /// <summary>Completes with the first sample or the first failure.</summary>
    public Task FirstSample => firstSample.Task;

    public void Start(EngineClient client, bool stream, CancellationToken cancellationToken) =>
        _ = Task.Run(() => CollectAsync(client, stream, cancellationToken), CancellationToken.None);

    async Task CollectAsync(EngineClient client, bool stream, CancellationToken cancellationToken)
    {
        try
        {
            if (!stream)
            {
                Set(StatsEntry.From(Container, await client.GetContainerStatsAsync(Container, oneShot: false, cancellationToken)));
                return;
            }
            await foreach (var sample in client.StreamContainerStatsAsync(Container, cancellationToken))
                Set(StatsEntry.From(Container, sample));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (EngineApiException e)
        {
            Fail($"Error response from daemon: {e.Message}");
        }
        catch (Exception e) when (e is IOException or InvalidDataException or HttpRequestException)
        {
            Fail(e.Message);
        }
        finally
        {
            firstSample.TrySetResult();
        }
    }

    void Set(StatsEntry sample)
    {
        Volatile.Write(ref entry, sample);
        Error = null;
        firstSample.TrySetResult();
    }

    void Fail(string message)
    {
        // Keep the name and ID seen so far, zero the figures, as docker's SetErrorAndReset does.
        var last = Entry;
        Volatile.Write(ref entry, StatsEntry.Invalid(Container) with { Name = last.Name, Id = last.Id });
        Error = message;
    }
}
