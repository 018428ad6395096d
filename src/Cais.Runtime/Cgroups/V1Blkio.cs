using Cais.Runtime.Spec;

namespace Cais.Runtime.Cgroups;

/// <summary>The v1 blkio controller (Documentation/admin-guide/cgroup-v1/blkio-controller.rst).</summary>
internal static class V1Blkio
{
    internal const string Weight = "blkio.weight", BfqWeight = "blkio.bfq.weight";

    public const string WeightUnsupported =
        "block IO weight not supported by the kernel (no blkio.weight: the device's I/O scheduler has no weights); ignored";

    public static bool Requests(BlockIoResources b) => b.Weight is not (null or 0);

    public static void Apply(CgroupDir dir, BlockIoResources b, List<string> warnings)
    {
        if (b.Weight is not ushort weight || weight == 0) return;
        // blkio.weight belonged to CFQ, which left the kernel in 5.0; BFQ offers the same
        // 1..1000 weight as blkio.bfq.weight (runc falls back the same way).
        if (dir.Has(Weight)) dir.Write(Weight, Num.Of(weight));
        else if (dir.Has(BfqWeight)) dir.Write(BfqWeight, Num.Of(weight));
        else warnings.Add(WeightUnsupported);
    }
}
