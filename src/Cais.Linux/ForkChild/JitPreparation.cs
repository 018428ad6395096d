using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Cais.Linux.ForkChild;

/// <summary>
/// Under a JIT (the test host, `dotnet run`), methods are compiled and P/Invokes bound on first
/// call, which takes runtime locks and allocates: fatal if the first call happens in a fork
/// child. Before the first fork, compile every method the child can reach and bind every raw
/// import. Under NativeAOT everything is compiled ahead of time and this does nothing.
/// </summary>
internal static class JitPreparation
{
    static int done;

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only runs when dynamic code is supported (never under NativeAOT or trimming).")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only runs when dynamic code is supported.")]
    public static void EnsurePrepared()
    {
        if (!RuntimeFeature.IsDynamicCodeSupported || Interlocked.Exchange(ref done, 1) == 1) return;
        Marshal.PrelinkAll(typeof(Raw));
        const BindingFlags all = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var m in typeof(Raw).GetMethods(all)) Prepare(m);
        foreach (var m in typeof(Runner).GetMethods(all)) Prepare(m);
        // Property getters and helpers the child reads.
        RuntimeHelpers.RunClassConstructor(typeof(Runner).TypeHandle);
    }

    static void Prepare(MethodInfo m)
    {
        if (m.IsAbstract || m.ContainsGenericParameters) return;
        try { RuntimeHelpers.PrepareMethod(m.MethodHandle); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException) { }
    }
}
