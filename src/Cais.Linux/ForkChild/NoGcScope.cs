using System.Runtime;

namespace Cais.Linux.ForkChild;

/// <summary>
/// Keeps the GC from running while it lasts (GC.TryStartNoGCRegion). Two reasons, both about
/// fork: no collection may be suspending threads at the instant of a fork (see DESIGN.md), and
/// while a fork child still shares this process's memory, a collection would write to most of
/// the heap and so copy it page by page (measured: 7 ms during a container's create). Nested
/// scopes are fine: only the outermost starts and ends the region.
/// </summary>
public sealed class NoGcScope : IDisposable
{
    const long Budget = 32 * 1024 * 1024;
    readonly bool started;

    public NoGcScope()
    {
        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) return;
        // disallowFullBlockingGC: take new memory for the budget rather than collect first (a
        // blocking collection here cost 2-3 ms of a container's start).
        try { started = GC.TryStartNoGCRegion(Budget, disallowFullBlockingGC: true); }
        catch (InvalidOperationException) { /* already in one */ }
        catch (ArgumentOutOfRangeException) { /* budget larger than the GC allows here */ }
    }

    public void Dispose()
    {
        // The region ends by itself if allocations exceeded the budget; only end it if it lasted.
        if (started && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            try { GC.EndNoGCRegion(); } catch (InvalidOperationException) { }
        }
    }
}
