using Cais.Linux;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Cgroups;

/// <summary>
/// The v1 cpu controller: CFS shares and bandwidth (Documentation/scheduler/sched-bwc.rst)
/// and real-time group scheduling (Documentation/scheduler/sched-rt-group.rst).
/// </summary>
internal static class V1Cpu
{
    internal const string Shares = "cpu.shares", CfsPeriod = "cpu.cfs_period_us", CfsQuota = "cpu.cfs_quota_us",
        RtPeriod = "cpu.rt_period_us", RtRuntime = "cpu.rt_runtime_us";

    public const string RealtimeUnsupported =
        "real-time CPU limits not supported by the kernel (no cpu.rt_runtime_us, CONFIG_RT_GROUP_SCHED is off); ignored";

    public static bool Requests(CpuResources c) =>
        c.Shares is not (null or 0) || c.Quota is not (null or 0) || c.Period is not (null or 0)
        || c.RealtimeRuntime is not (null or 0) || c.RealtimePeriod is not (null or 0);

    public static void Apply(CgroupDir dir, CpuResources c, List<string> warnings)
    {
        if (c.Shares is ulong shares and not 0)
        {
            dir.Write(Shares, Num.Of(shares));
            // The kernel clamps shares to [2, 262144] without an error; say so.
            string actual = dir.Read(Shares);
            if (actual != Num.Of(shares)) warnings.Add($"cpu shares {shares} out of range; the kernel set {actual}");
        }

        // A quota of -1 means no limit; 0 (or none) means "not given", as in runc.
        string? quota = c.Quota switch { null or 0 => null, < 0 => "-1", long q => Num.Of(q) };
        string? period = c.Period is ulong p and not 0 ? Num.Of(p) : null;
        WritePair(dir, CfsPeriod, period, CfsQuota, quota);

        string? rtRuntime = c.RealtimeRuntime is long r and not 0 ? Num.Of(r) : null;
        string? rtPeriod = c.RealtimePeriod is ulong rp and not 0 ? Num.Of(rp) : null;
        if (rtRuntime is null && rtPeriod is null) return;
        if (!dir.Has(RtRuntime))
        {
            warnings.Add(RealtimeUnsupported);
            return;
        }
        WritePair(dir, RtPeriod, rtPeriod, RtRuntime, rtRuntime);
    }

    /// <summary>
    /// Period first, then the amount. The kernel checks the pair against the parent's bandwidth
    /// on each write, so a smaller period with the old amount can be refused (EINVAL) although
    /// the new pair is fine; then the period is written again after the amount (runc's order).
    /// </summary>
    static void WritePair(CgroupDir dir, string periodFile, string? period, string amountFile, string? amount)
    {
        bool periodPending = false;
        if (period is not null)
        {
            try
            {
                dir.Write(periodFile, period);
            }
            catch (CgroupException e) when (e.Errno == Errno.EINVAL && amount is not null)
            {
                periodPending = true;
            }
        }
        if (amount is null) return;
        dir.Write(amountFile, amount);
        if (periodPending) dir.Write(periodFile, period!);
    }
}
