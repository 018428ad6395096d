using System.Text.Json;
using System.Text.Json.Serialization;
using Cais.Api.Models.Containers;
using Cais.Api.Models.Images;

namespace Cais.Api.Models.SystemApi;

/// <summary><c>GET /system/df</c> (swagger SystemDataUsageResponse): what <c>docker system df</c> sums up.</summary>
public sealed class SystemDataUsageResponse
{
    /// <summary>Bytes of all unpacked layers (each counted once).</summary>
    [JsonPropertyName("LayersSize")]
    public long LayersSize { get; set; }

    /// <summary>Image summaries with SharedSize and Containers counted.</summary>
    [JsonPropertyName("Images")]
    public List<ImageSummary> Images { get; set; } = [];

    /// <summary>Every container, with SizeRw and SizeRootFs.</summary>
    [JsonPropertyName("Containers")]
    public List<ContainerSummary> Containers { get; set; } = [];

    // The two lists below are typed as raw JSON until the volume and build-cache models exist in
    // the engine; until then the daemon has none of them and sends [].
    [JsonPropertyName("Volumes")]
    public List<JsonElement> Volumes { get; set; } = [];

    [JsonPropertyName("BuildCache")]
    public List<JsonElement> BuildCache { get; set; } = [];
}
