using System.Diagnostics;
using Cais.Linux;

namespace Cais.Runtime;

/// <summary>
/// Phase timings for finding where container start time goes: with CAIS_TRACE=1 in the
/// environment, each mark prints the milliseconds since the process started to stderr.
/// Off by default and free when off (one static bool).
/// </summary>
public static class RuntimeTrace
{
    static readonly bool Enabled = Environment.GetEnvironmentVariable("CAIS_TRACE") == "1";
    // The process's start in ms since boot, from /proc/self/stat (clock ticks of 10 ms, so the first mark is off by up to that). Not
    // through System.Diagnostics.Process: its set-up dups standard descriptors, and in the
    // monitor a mark can come while fd 1 is the container's stdout.
    static readonly long StartMs = (long)(ProcFs.StartTime(Environment.ProcessId) ?? 0) * 10;

    public static void Mark(string phase)
    {
        if (!Enabled) return;
        // Stopwatch's clock is CLOCK_MONOTONIC: since boot, as the start time.
        var ms = Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency - StartMs;
        Console.Error.WriteLine($"cais trace {ms,8:F2} ms  {phase}");
    }
}
