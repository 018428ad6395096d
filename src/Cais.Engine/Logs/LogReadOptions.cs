namespace Cais.Engine.Logs;

/// <summary>What a logs request asks for (the query of GET /containers/{id}/logs, parsed).</summary>
public sealed record LogReadOptions
{
    public bool Stdout { get; init; } = true;
    public bool Stderr { get; init; } = true;

    /// <summary>Only messages at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only messages at or before this time; when following, the follow ends once it has passed.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Only the last N messages (of the selected streams and times); null for all of them.</summary>
    public int? Tail { get; init; }

    /// <summary>Keep reading as the log grows, until <see cref="WriterDone"/> completes or the read is cancelled.</summary>
    public bool Follow { get; init; }

    /// <summary>
    /// Completes when the log's writer has finished (the container stopped and the monitor closed
    /// the log). A follower then reads what remains and ends. Null: follow until cancelled.
    /// </summary>
    public Task? WriterDone { get; init; }

    /// <summary>The clock <see cref="Until"/> is measured against when following.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>The per-message part of a request: which streams, which times.</summary>
readonly struct LogEntryFilter
{
    readonly bool stdout, stderr;
    readonly LogTimestamp since, until;

    public LogEntryFilter(LogReadOptions options)
    {
        stdout = options.Stdout;
        stderr = options.Stderr;
        since = options.Since is { } s ? LogTimestamp.FromDateTimeOffsetClamped(s) : new LogTimestamp(long.MinValue);
        until = options.Until is { } u ? LogTimestamp.FromDateTimeOffsetClamped(u) : new LogTimestamp(long.MaxValue);
    }

    public bool WantsStream(LogStream stream) => stream == LogStream.Stdout ? stdout : stderr;

    public bool IsBeforeSince(LogTimestamp time) => time < since;

    /// <summary>Docker stops reading at the first message after until (the log is in time order).</summary>
    public bool IsAfterUntil(LogTimestamp time) => time > until;

    public bool Matches(LogStream stream, LogTimestamp time) => WantsStream(stream) && time >= since && time <= until;
}
