using System.Text.Json.Serialization;

namespace Cais.Api.Models.Images;

/// <summary><c>GET /images/{name}/json</c> (swagger ImageInspect, moby image.InspectResponse).</summary>
public sealed class ImageInspectResponse
{
    [JsonPropertyName("Id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("RepoTags")]
    public List<string> RepoTags { get; set; } = [];

    [JsonPropertyName("RepoDigests")]
    public List<string> RepoDigests { get; set; } = [];

    /// <summary>The local image this one was built or committed on; "" for pulled and loaded images.</summary>
    [JsonPropertyName("Parent")]
    public string Parent { get; set; } = "";

    [JsonPropertyName("Comment")]
    public string Comment { get; set; } = "";

    /// <summary>RFC 3339 with nanoseconds; omitted when the image config has no date.</summary>
    [JsonPropertyName("Created")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Created { get; set; }

    [JsonPropertyName("DockerVersion")]
    public string DockerVersion { get; set; } = "";

    [JsonPropertyName("Author")]
    public string Author { get; set; } = "";

    [JsonPropertyName("Config")]
    public ImageInspectConfig? Config { get; set; }

    [JsonPropertyName("Architecture")]
    public string Architecture { get; set; } = "";

    [JsonPropertyName("Variant")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Variant { get; set; }

    [JsonPropertyName("Os")]
    public string Os { get; set; } = "";

    [JsonPropertyName("OsVersion")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OsVersion { get; set; }

    [JsonPropertyName("Size")]
    public long Size { get; set; }

    /// <summary>Same as <see cref="Size"/>; only for clients older than API 1.44.</summary>
    [JsonPropertyName("VirtualSize")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? VirtualSize { get; set; }

    [JsonPropertyName("GraphDriver")]
    public GraphDriverData GraphDriver { get; set; } = new();

    [JsonPropertyName("RootFS")]
    public ImageRootFs RootFS { get; set; } = new();

    [JsonPropertyName("Metadata")]
    public ImageMetadata Metadata { get; set; } = new();
}

/// <summary>Storage driver details (swagger DriverData).</summary>
public sealed class GraphDriverData
{
    [JsonPropertyName("Name")]
    public string Name { get; set; } = "overlay2";

    [JsonPropertyName("Data")]
    public Dictionary<string, string> Data { get; set; } = [];
}

public sealed class ImageRootFs
{
    [JsonPropertyName("Type")]
    public string Type { get; set; } = "layers";

    /// <summary>Diff ids, base layer first.</summary>
    [JsonPropertyName("Layers")]
    public List<string> Layers { get; set; } = [];
}

public sealed class ImageMetadata
{
    /// <summary>When a name was last set on the image locally (RFC 3339); omitted when never tagged here.</summary>
    [JsonPropertyName("LastTagTime")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastTagTime { get; set; }
}
