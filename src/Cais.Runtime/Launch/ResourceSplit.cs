using Cais.Runtime.Spec;

namespace Cais.Runtime.Launch;

/// <summary>linux.resources split in two: the pids limit, and everything else (see OciRuntime.StartInCgroup).</summary>
internal static class ResourceSplit
{
    public static ResourcesSpec? WithoutPids(ResourcesSpec? r) => r is null ? null : new ResourcesSpec
    {
        Devices = r.Devices, Memory = r.Memory, Cpu = r.Cpu, BlockIO = r.BlockIO, Unified = r.Unified,
    };

    public static ResourcesSpec? PidsOnly(ResourcesSpec? r) => r?.Pids is null ? null : new ResourcesSpec { Pids = r.Pids };
}
