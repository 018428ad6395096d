using Cais.Runtime.Spec;

namespace Cais.Runtime.Cgroups;

/// <summary>The v1 pids controller (Documentation/admin-guide/cgroup-v1/pids.rst).</summary>
internal static class V1Pids
{
    internal const string Max = "pids.max";

    /// <summary>A limit of 0 or less means no limit ("max"), as in runc.</summary>
    public static void Apply(CgroupDir dir, PidsResources p) => dir.Write(Max, MaxValue(p.Limit));

    public static string MaxValue(long limit) => limit <= 0 ? "max" : Num.Of(limit);
}
