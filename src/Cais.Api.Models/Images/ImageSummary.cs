using System.Text.Json.Serialization;

namespace Cais.Api.Models.Images;

/// <summary>One entry of <c>GET /images/json</c> (swagger ImageSummary, moby image.Summary).</summary>
public sealed class ImageSummary
{
    [JsonPropertyName("Id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("ParentId")]
    public string ParentId { get; set; } = "";

    /// <summary>Familiar name:tag strings; [] when untagged (API 1.43 and later).</summary>
    [JsonPropertyName("RepoTags")]
    public List<string> RepoTags { get; set; } = [];

    [JsonPropertyName("RepoDigests")]
    public List<string> RepoDigests { get; set; } = [];

    /// <summary>Unix seconds (an integer here, an RFC 3339 string in inspect).</summary>
    [JsonPropertyName("Created")]
    public long Created { get; set; }

    [JsonPropertyName("Size")]
    public long Size { get; set; }

    /// <summary>Bytes of layers this image shares with others; -1 unless the request asked (shared-size).</summary>
    [JsonPropertyName("SharedSize")]
    public long SharedSize { get; set; } = -1;

    /// <summary>Same as <see cref="Size"/>; sent only to clients older than API 1.44, which still read it.</summary>
    [JsonPropertyName("VirtualSize")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? VirtualSize { get; set; }

    [JsonPropertyName("Labels")]
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>Containers using the image; -1 when not counted (only /system/df counts).</summary>
    [JsonPropertyName("Containers")]
    public long Containers { get; set; } = -1;
}
