using System.Runtime.InteropServices;

namespace Cais.Linux.Interop;

/// <summary>
/// The architecture-specific numbers cais needs: syscalls that glibc 2.36 has no wrapper for
/// (or whose wrapper is unsafe after a raw clone), and the open(2) flags that differ between
/// x86_64 and the asm-generic architectures. The new mount API and openat2 share numbers on
/// every architecture.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct LinuxAbi
{
    public long Clone, PivotRoot, SetResUid, SetResGid, SetGroups, Capget, Capset, Execveat;
    public long OpenTree, MoveMount, FsOpen, FsConfig, FsMount, PidfdOpen, PidfdSendSignal, CloseRange, OpenAt2, MountSetattr;
    public int ODirectory, ONoFollow;

    public static readonly LinuxAbi Current = ForArchitecture(RuntimeInformation.ProcessArchitecture);

    public static LinuxAbi ForArchitecture(Architecture architecture)
    {
        var abi = new LinuxAbi
        {
            OpenTree = 428, MoveMount = 429, FsOpen = 430, FsConfig = 431, FsMount = 432,
            PidfdSendSignal = 424, PidfdOpen = 434, CloseRange = 436, OpenAt2 = 437, MountSetattr = 442,
        };
        switch (architecture)
        {
            case Architecture.X64:
                abi.Clone = 56; abi.PivotRoot = 155; abi.SetResUid = 117; abi.SetResGid = 119;
                abi.SetGroups = 116; abi.Capget = 125; abi.Capset = 126; abi.Execveat = 322;
                abi.ODirectory = 0x10000; abi.ONoFollow = 0x20000;
                break;
            case Architecture.Arm64:
                abi.Clone = 220; abi.PivotRoot = 41; abi.SetResUid = 147; abi.SetResGid = 149;
                abi.SetGroups = 159; abi.Capget = 90; abi.Capset = 91; abi.Execveat = 281;
                abi.ODirectory = 0x4000; abi.ONoFollow = 0x8000;
                break;
            default:
                throw new PlatformNotSupportedException($"cais does not know the Linux ABI of {architecture}");
        }
        return abi;
    }
}
