using System.Diagnostics;

namespace Cais.Runtime;

/// <summary>
/// Phase timings for finding where container start time goes: with CAIS_TRACE=1 in the
/// environment, each mark prints the milliseconds since the process started to stderr.
/// Off by default and free when off (one static bool).
/// </summary>
public static class RuntimeTrace
{
    static readonly bool Enabled = Environment.GetEnvironmentVariable("CAIS_TRACE") == "1";
    static readonly long Start = Process.GetCurrentProcess().StartTime.ToUniversalTime().Ticks;

    public static void Mark(string phase)
    {
        if (!Enabled) return;
        var ms = (DateTime.UtcNow.Ticks - Start) / (double)TimeSpan.TicksPerMillisecond;
        Console.Error.WriteLine($"cais trace {ms,8:F2} ms  {phase}");
    }
}
