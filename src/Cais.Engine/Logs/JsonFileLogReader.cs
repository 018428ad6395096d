using System.Runtime.CompilerServices;

namespace Cais.Engine.Logs;

/// <summary>
/// Reads a container's json-file log back, for GET /containers/{id}/logs: the rotated files and
/// the current one, oldest first, filtered by stream and time, optionally only the last N
/// messages, and optionally following the log as the monitor appends to it and rotates it.
/// Damaged lines (a write cut short by a crash, garbage) are skipped, never fatal.
/// </summary>
public sealed class JsonFileLogReader(string path)
{
    /// <summary>The log file (<see cref="JsonFileLogWriter.PathFor"/>); rotated files sit beside it.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>
    /// The messages the request selects. Without <see cref="LogReadOptions.Follow"/> the sequence
    /// ends at the end of the log as it was when the read began. With it, the sequence goes on as
    /// lines are written and ends when <see cref="LogReadOptions.WriterDone"/> has completed and
    /// what was written before it has been read, when a message after Until is met or Until has
    /// passed, or when <paramref name="cancellationToken"/> fires (a client that went away: the
    /// sequence then simply ends).
    /// </summary>
    /// <exception cref="InvalidLogArgumentException">A negative tail.</exception>
    public IAsyncEnumerable<LogEntry> ReadAsync(LogReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Checked here, not at the first MoveNextAsync, so that the API can still answer 400.
        if (options.Tail < 0)
            throw new InvalidLogArgumentException($"invalid tail {options.Tail}: give a number of lines, 0 or more");
        return ReadCoreAsync(options, cancellationToken);
    }

    async IAsyncEnumerable<LogEntry> ReadCoreAsync(LogReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Subscribe before the files are opened, so that no change between the two goes unnoticed.
        using var subscription = options.Follow ? LogChangeNotifier.Shared.Subscribe(Path) : null;
        using var session = new LogReadSession(Path, options);
        while (!cancellationToken.IsCancellationRequested)
        {
            // Taken before reading: if the writer was already done, this pass reads all it wrote.
            bool lastPass = options.WriterDone?.IsCompleted == true || UntilHasPassed(options);
            var step = session.Next(out var entry);
            if (step == LogReadStep.Entry)
            {
                yield return entry!;
                continue;
            }
            if (step == LogReadStep.End || lastPass) yield break;
            if (!await WaitForChangeAsync(subscription!, options, cancellationToken).ConfigureAwait(false)) yield break;
        }
    }

    static bool UntilHasPassed(LogReadOptions options) =>
        options.Until is { } until && options.Clock.GetUtcNow() > until;

    /// <summary>Waits for a change to the log, the writer's end, Until, or the poll interval; false when cancelled.</summary>
    static async Task<bool> WaitForChangeAsync(LogChangeNotifier.Subscription subscription, LogReadOptions options,
        CancellationToken cancellationToken)
    {
        var wait = subscription.PollInterval;
        if (options.Until is { } until)
        {
            var left = until - options.Clock.GetUtcNow();
            if (left < wait) wait = left < TimeSpan.Zero ? TimeSpan.Zero : left + TimeSpan.FromMilliseconds(1);
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var changed = subscription.Signal.WaitAsync();
        var timer = Task.Delay(wait, options.Clock, stop.Token);
        var done = options.WriterDone ?? Task.Delay(Timeout.Infinite, stop.Token);
        await Task.WhenAny(changed, timer, done).ConfigureAwait(false);
        stop.Cancel(); // release the timer (and the stand-in for WriterDone)
        return !cancellationToken.IsCancellationRequested;
    }
}
