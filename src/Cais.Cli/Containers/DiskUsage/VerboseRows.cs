using System.Globalization;
using Cais.Cli.Format;
using Cais.Cli.Format.Templates;

namespace Cais.Cli.Containers.DiskUsage;

/// <summary>A volume line of `system df -v`: name, how many containers use it, its size.</summary>
public sealed class VolumeRow(VolumeUsage volume) : ITemplateObject
{
    public const string DefaultTableFormat = "table {{.Name}}\t{{.Links}}\t{{.Size}}";

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Name"] = "VOLUME NAME", ["Links"] = "LINKS", ["Size"] = "SIZE",
    };

    public IEnumerable<string> FieldNames => ["Links", "Name", "Size"];

    public string TypeName => "*formatter.volumeContext";

    public bool TryGetField(string name, out TemplateValue value)
    {
        string? text = name switch
        {
            "Name" => volume.Name,
            "Links" => volume.RefCount == -1 ? "N/A" : volume.RefCount.ToString(CultureInfo.InvariantCulture),
            "Size" => volume.Size == -1 ? "N/A" : HumanUnits.HumanSize(volume.Size),
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
}

/// <summary>A build cache line of `system df -v`.</summary>
public sealed class BuildCacheRow(BuildCacheUsage cache, bool truncate, DateTimeOffset now) : ITemplateObject
{
    public const string DefaultTableFormat = "table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}";

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ID"] = "CACHE ID", ["CacheType"] = "CACHE TYPE", ["Size"] = "SIZE", ["CreatedSince"] = "CREATED",
        ["LastUsedSince"] = "LAST USED", ["UsageCount"] = "USAGE", ["Shared"] = "SHARED",
    };

    public IEnumerable<string> FieldNames => ["CacheType", "CreatedSince", "ID", "LastUsedSince", "Shared", "Size", "UsageCount"];

    public string TypeName => "*formatter.buildCacheContext";

    public bool TryGetField(string name, out TemplateValue value)
    {
        string? text = name switch
        {
            "ID" => (truncate ? DisplayText.TruncateId(cache.Id) : cache.Id) + (cache.InUse ? "*" : ""),
            "CacheType" => cache.CacheType,
            "Size" => HumanUnits.HumanSize(cache.Size),
            "CreatedSince" => cache.CreatedAt is { } created ? HumanUnits.Ago(created.UtcDateTime, now.UtcDateTime) : "",
            "LastUsedSince" => cache.LastUsedAt is { } used ? HumanUnits.Ago(used.UtcDateTime, now.UtcDateTime) : "",
            "UsageCount" => cache.UsageCount.ToString(CultureInfo.InvariantCulture),
            "Shared" => cache.Shared ? "true" : "false",
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
}
