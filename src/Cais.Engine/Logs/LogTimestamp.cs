namespace Cais.Engine.Logs;

/// <summary>
/// A log message's time: nanoseconds since the Unix epoch, UTC. Docker records nanoseconds
/// (Go's time.Time) and its logs API prints all nine digits; DateTimeOffset keeps only 100 ns,
/// so entries carry this instead and convert on request. Covers the years 1678 to 2262.
/// </summary>
public readonly record struct LogTimestamp(long UnixNanoseconds) : IComparable<LogTimestamp>
{
    const long NanosecondsPerTick = 100;
    const long NanosecondsPerSecond = 1_000_000_000;
    static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    // Ticks that fit in a long as nanoseconds since the epoch (about ±292 years around 1970).
    static readonly long MinTicks = UnixEpochTicks + long.MinValue / NanosecondsPerTick;
    static readonly long MaxTicks = UnixEpochTicks + long.MaxValue / NanosecondsPerTick;

    public static LogTimestamp FromDateTimeOffset(DateTimeOffset time)
    {
        long ticks = time.UtcTicks;
        if (ticks < MinTicks || ticks > MaxTicks)
            throw new ArgumentOutOfRangeException(nameof(time), time, "log timestamps cover the years 1678 to 2262");
        return new((ticks - UnixEpochTicks) * NanosecondsPerTick);
    }

    /// <summary>Like <see cref="FromDateTimeOffset"/>, but clamps times outside 1678..2262 to the ends of the range (for filters).</summary>
    public static LogTimestamp FromDateTimeOffsetClamped(DateTimeOffset time)
    {
        long ticks = Math.Clamp(time.UtcTicks, MinTicks, MaxTicks);
        return new((ticks - UnixEpochTicks) * NanosecondsPerTick);
    }

    public static LogTimestamp Now(TimeProvider clock) => FromDateTimeOffset(clock.GetUtcNow());

    public static LogTimestamp FromUnix(long seconds, long nanoseconds) => new(checked(seconds * NanosecondsPerSecond + nanoseconds));

    /// <summary>Whole seconds since the epoch (rounded down, also before 1970).</summary>
    public long UnixSeconds
    {
        get
        {
            long seconds = UnixNanoseconds / NanosecondsPerSecond;
            return UnixNanoseconds % NanosecondsPerSecond < 0 ? seconds - 1 : seconds;
        }
    }

    /// <summary>The nanoseconds within the second, 0..999999999.</summary>
    public int Nanosecond => (int)(UnixNanoseconds - UnixSeconds * NanosecondsPerSecond);

    /// <summary>The time as a DateTimeOffset (UTC), rounded down to 100 ns.</summary>
    public DateTimeOffset ToDateTimeOffset() =>
        new(UnixEpochTicks + UnixSeconds * TimeSpan.TicksPerSecond + Nanosecond / NanosecondsPerTick, TimeSpan.Zero);

    public int CompareTo(LogTimestamp other) => UnixNanoseconds.CompareTo(other.UnixNanoseconds);

    public static bool operator <(LogTimestamp a, LogTimestamp b) => a.UnixNanoseconds < b.UnixNanoseconds;
    public static bool operator >(LogTimestamp a, LogTimestamp b) => a.UnixNanoseconds > b.UnixNanoseconds;
    public static bool operator <=(LogTimestamp a, LogTimestamp b) => a.UnixNanoseconds <= b.UnixNanoseconds;
    public static bool operator >=(LogTimestamp a, LogTimestamp b) => a.UnixNanoseconds >= b.UnixNanoseconds;

    /// <summary>RFC 3339 with all nine fraction digits, as the logs API prints it.</summary>
    public override string ToString()
    {
        Span<byte> text = stackalloc byte[Rfc3339Nano.MaxLength];
        int n = Rfc3339Nano.Format(this, text, fixedWidth: true);
        return System.Text.Encoding.ASCII.GetString(text[..n]);
    }
}
