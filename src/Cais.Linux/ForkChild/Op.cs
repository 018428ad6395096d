using System.Runtime.InteropServices;
using Cais.Linux.Interop;

namespace Cais.Linux.ForkChild;

/// <summary>One operation of a child program, in native memory. See <see cref="OpCode"/> for the arguments.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Op
{
    public OpCode Code;
    public int Reserved;
    public long A, B, C, D, E, F, G, H;
    /// <summary>UTF-8 text naming what the op does, e.g. "mount proc on /proc"; sent with a failure.</summary>
    public byte* Description;
}

/// <summary>Number of fd slots a child program can fill.</summary>
internal static class Slots
{
    public const int Count = 16;
}

/// <summary>The block the child reads: the ops, its fds, the ABI numbers, and scratch memory.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ProgramHeader
{
    public Op* Ops;
    public int OpCount;
    /// <summary>The child's end of the sync socket.</summary>
    public int SyncFd;
    /// <summary>The parent's end: the child closes it first, so EOF on SyncFd means "parent gone".</summary>
    public int ParentFd;
    /// <summary>Where failures are reported: SyncFd, then the start connection once the init waits for start.</summary>
    public int ErrorFd;
    /// <summary>Index into the candidates of the Exec op, set by ResolveExecutable.</summary>
    public int ChosenExecutable;
    public fixed int Slots[16];
    public LinuxAbi Abi;
    /// <summary>4 KiB of scratch memory for formatted paths and outgoing messages.</summary>
    public byte* Scratch;
    /// <summary>When not -1, the child writes "op INDEX CODE MICROSECONDS" lines here (CAIS_TRACE=1).</summary>
    public int TraceFd;
}
