using System.Text.Json;
using Cais.Api.Models.Containers;
using Cais.Api.Models.Images;

namespace Cais.Cli.Containers.DiskUsage;

/// <summary>What <c>GET /system/df</c> answered, read into the parts `system df` sums up.</summary>
public sealed class DiskUsageReport
{
    public long LayersSize { get; init; }

    public IReadOnlyList<ImageSummary> Images { get; init; } = [];

    public IReadOnlyList<ContainerSummary> Containers { get; init; } = [];

    public IReadOnlyList<VolumeUsage> Volumes { get; init; } = [];

    public IReadOnlyList<BuildCacheUsage> BuildCache { get; init; } = [];

    public static DiskUsageReport From(JsonElement root) => new()
    {
        LayersSize = root.TryGetProperty("LayersSize", out var layers) && layers.ValueKind == JsonValueKind.Number ? layers.GetInt64() : 0,
        Images = List(root, "Images", e => e.Deserialize(ImageJsonContext.Default.ListImageSummary)),
        Containers = List(root, "Containers", e => e.Deserialize(ContainerJsonContext.Default.ListContainerSummary)),
        Volumes = Items(root, "Volumes", VolumeUsage.From),
        BuildCache = Items(root, "BuildCache", BuildCacheUsage.From),
    };

    static IReadOnlyList<T> List<T>(JsonElement root, string name, Func<JsonElement, List<T>?> read) =>
        root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? read(list) ?? [] : [];

    static IReadOnlyList<T> Items<T>(JsonElement root, string name, Func<JsonElement, T> read) =>
        root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray().Select(read)] : [];
}

/// <summary>A volume's name and usage (moby volume.Volume's UsageData; -1 where not computed).</summary>
public sealed record VolumeUsage(string Name, long Size, long RefCount)
{
    public static VolumeUsage From(JsonElement e)
    {
        long size = -1, refs = -1;
        if (e.TryGetProperty("UsageData", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            size = Number(usage, "Size", -1);
            refs = Number(usage, "RefCount", -1);
        }
        return new(Text(e, "Name"), size, refs);
    }

    internal static long Number(JsonElement e, string name, long fallback) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : fallback;

    internal static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}

/// <summary>A build cache record (moby build.CacheRecord).</summary>
public sealed record BuildCacheUsage(string Id, string CacheType, long Size, DateTimeOffset? CreatedAt, DateTimeOffset? LastUsedAt, long UsageCount, bool InUse, bool Shared)
{
    public static BuildCacheUsage From(JsonElement e) => new(
        VolumeUsage.Text(e, "ID"), VolumeUsage.Text(e, "Type"), VolumeUsage.Number(e, "Size", 0),
        Time(e, "CreatedAt"), Time(e, "LastUsedAt"), VolumeUsage.Number(e, "UsageCount", 0),
        e.TryGetProperty("InUse", out var inUse) && inUse.ValueKind == JsonValueKind.True,
        e.TryGetProperty("Shared", out var shared) && shared.ValueKind == JsonValueKind.True);

    static DateTimeOffset? Time(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(v.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t) ? t : null;
}
