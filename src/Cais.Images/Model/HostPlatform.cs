using System.Runtime.InteropServices;

namespace Cais.Images.Model;

/// <summary>
/// The platform of the running machine, in Go's names (containerd platforms.DefaultSpec). The
/// arm variant is the baseline .NET supports (v7; v6 only where .NET reports Armv6); containerd
/// reads /proc/cpuinfo for it, which matters only on 32-bit arm boards.
/// </summary>
public static class HostPlatform
{
    public static Platform Current { get; } = FromArchitecture(RuntimeInformation.OSArchitecture);

    public static Platform FromArchitecture(Architecture architecture)
    {
        var (arch, variant) = architecture switch
        {
            Architecture.X64 => ("amd64", (string?)null),
            Architecture.X86 => ("386", null),
            Architecture.Arm64 => ("arm64", null),
            Architecture.Arm => ("arm", "v7"),
            Architecture.Armv6 => ("arm", "v6"),
            Architecture.S390x => ("s390x", null),
            Architecture.Ppc64le => ("ppc64le", null),
            Architecture.RiscV64 => ("riscv64", null),
            Architecture.LoongArch64 => ("loong64", null),
            _ => throw new PlatformNotSupportedException($"no image platform name for architecture {architecture}"),
        };
        return new Platform { Os = "linux", Architecture = arch, Variant = variant };
    }
}
