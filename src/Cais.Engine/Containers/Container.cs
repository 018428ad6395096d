using System.Threading.Channels;
using Cais.Engine.Monitor;

namespace Cais.Engine.Containers;

/// <summary>One chunk of a container's output, for attached clients.</summary>
public readonly record struct OutputChunk(FrameType Stream, ReadOnlyMemory<byte> Data);

/// <summary>How a container ended, for waiters.</summary>
public sealed record ExitInfo(int ExitCode, string? Error);

/// <summary>
/// A container as the running daemon holds it: its record, the lock that orders lifecycle
/// operations on it, the connection to its monitor while it runs, and who waits on or
/// listens to it.
/// </summary>
public sealed class Container(ContainerRecord record)
{
    readonly Lock subscribersLock = new();
    readonly List<Channel<OutputChunk>> subscribers = [];
    TaskCompletionSource<ExitInfo> nextExit = NewExit();
    readonly TaskCompletionSource removed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ContainerRecord Record { get; } = record;

    public string Id => Record.Id;

    /// <summary>Serialises start, stop, kill, restart, remove and the exit handling of this container.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The daemon's connection to the monitor while the container runs.</summary>
    public MonitorConnection? Connection { get; set; }

    /// <summary>Stops the health check probes of the current run (null without a health check).</summary>
    public CancellationTokenSource? HealthChecks { get; set; }

    /// <summary>Completes when the pump of the current run has handled the exit.</summary>
    public Task? Pump { get; set; }

    static TaskCompletionSource<ExitInfo> NewExit() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Output from now on, until the container exits or <paramref name="cancel"/> fires.</summary>
    public ChannelReader<OutputChunk> Subscribe(CancellationToken cancel)
    {
        var channel = Channel.CreateBounded<OutputChunk>(new BoundedChannelOptions(1024)
        {
            // A client too slow to read loses output rather than stalling the container (its log has it all).
            FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true,
        });
        lock (subscribersLock) subscribers.Add(channel);
        cancel.Register(() => Unsubscribe(channel));
        return channel.Reader;
    }

    void Unsubscribe(Channel<OutputChunk> channel)
    {
        lock (subscribersLock) subscribers.Remove(channel);
        channel.Writer.TryComplete();
    }

    public void Publish(FrameType stream, ReadOnlyMemory<byte> data)
    {
        Channel<OutputChunk>[] now;
        lock (subscribersLock) now = [.. subscribers];
        if (now.Length == 0) return;
        var copy = data.ToArray(); // the pump reuses nothing, but subscribers outlive this call
        foreach (var s in now) s.Writer.TryWrite(new OutputChunk(stream, copy));
    }

    /// <summary>Ends every subscription: the run is over.</summary>
    public void CompleteSubscribers()
    {
        Channel<OutputChunk>[] now;
        lock (subscribersLock)
        {
            now = [.. subscribers];
            subscribers.Clear();
        }
        foreach (var s in now) s.Writer.TryComplete();
    }

    /// <summary>Completes with the next exit of the container.</summary>
    public Task<ExitInfo> NextExit
    {
        get { lock (subscribersLock) return nextExit.Task; }
    }

    public void SignalExit(ExitInfo exit)
    {
        TaskCompletionSource<ExitInfo> done;
        lock (subscribersLock)
        {
            done = nextExit;
            nextExit = NewExit();
        }
        done.TrySetResult(exit);
    }

    public Task Removed => removed.Task;

    public void SignalRemoved() => removed.TrySetResult();
}
