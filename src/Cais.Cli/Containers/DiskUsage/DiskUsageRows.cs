using System.Globalization;
using Cais.Cli.Format;
using Cais.Cli.Format.Templates;

namespace Cais.Cli.Containers.DiskUsage;

/// <summary>
/// The four summary lines of `system df` (images, containers, local volumes, build cache), with
/// docker's counts and its reclaimable sizes: what no running container holds.
/// </summary>
public sealed class DiskUsageRow(string type, long total, long active, long size, long reclaimable, bool percent) : ITemplateObject
{
    public const string DefaultTableFormat = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Type"] = "TYPE", ["TotalCount"] = "TOTAL", ["Active"] = "ACTIVE", ["Size"] = "SIZE", ["Reclaimable"] = "RECLAIMABLE",
    };

    static readonly string[] Fields = ["Active", "Reclaimable", "Size", "TotalCount", "Type"];

    public IEnumerable<string> FieldNames => Fields;

    public string TypeName => "*formatter.diskUsageContext";

    public bool TryGetField(string name, out TemplateValue value)
    {
        string? text = name switch
        {
            "Type" => type,
            "TotalCount" => total.ToString(CultureInfo.InvariantCulture),
            "Active" => active.ToString(CultureInfo.InvariantCulture),
            "Size" => HumanUnits.HumanSize(size),
            "Reclaimable" => percent && size > 0
                ? $"{HumanUnits.HumanSize(reclaimable)} ({reclaimable * 100 / size}%)"
                : HumanUnits.HumanSize(reclaimable),
            _ => null,
        };
        value = text is null ? default : TemplateValue.FromString(text);
        return text is not null;
    }

    public bool TryCallMethod(string name, IReadOnlyList<TemplateValue> args, out TemplateValue result)
    {
        result = default;
        return false;
    }

    public static IReadOnlyList<DiskUsageRow> Summarise(DiskUsageReport report)
    {
        // Images: all the layers, less what the images in use hold alone.
        long used = report.Images.Where(i => i.Containers > 0 && i.Size != -1 && i.SharedSize != -1).Sum(i => i.Size - i.SharedSize);
        var images = new DiskUsageRow("Images", report.Images.Count, report.Images.Count(i => i.Containers > 0),
            report.LayersSize, report.LayersSize - used, percent: true);

        static bool IsActive(string state) => state.Contains("running", StringComparison.Ordinal)
            || state.Contains("paused", StringComparison.Ordinal) || state.Contains("restarting", StringComparison.Ordinal);
        var containers = new DiskUsageRow("Containers", report.Containers.Count, report.Containers.Count(c => IsActive(c.State)),
            report.Containers.Sum(c => c.SizeRw), report.Containers.Where(c => !IsActive(c.State)).Sum(c => c.SizeRw), percent: true);

        var volumes = new DiskUsageRow("Local Volumes", report.Volumes.Count, report.Volumes.Count(v => v.RefCount > 0),
            report.Volumes.Where(v => v.Size != -1).Sum(v => v.Size), report.Volumes.Where(v => v.Size != -1 && v.RefCount == 0).Sum(v => v.Size), percent: true);

        long cacheSize = report.BuildCache.Where(b => !b.Shared).Sum(b => b.Size);
        long cacheInUse = report.BuildCache.Where(b => b.InUse && !b.Shared).Sum(b => b.Size);
        var cache = new DiskUsageRow("Build Cache", report.BuildCache.Count, report.BuildCache.Count(b => b.InUse),
            cacheSize, cacheSize - cacheInUse, percent: false);
        return [images, containers, volumes, cache];
    }
}
