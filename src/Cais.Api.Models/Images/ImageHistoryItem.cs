using System.Text.Json.Serialization;

namespace Cais.Api.Models.Images;

/// <summary>One row of <c>GET /images/{name}/history</c> (swagger HistoryResponseItem), newest first.</summary>
public sealed class ImageHistoryItem
{
    /// <summary>The local image that ends at this row ("sha256:..."), or "&lt;missing&gt;".</summary>
    [JsonPropertyName("Id")]
    public string Id { get; set; } = "";

    /// <summary>Unix seconds.</summary>
    [JsonPropertyName("Created")]
    public long Created { get; set; }

    [JsonPropertyName("CreatedBy")]
    public string CreatedBy { get; set; } = "";

    /// <summary>The names of the image in <see cref="Id"/>; null for rows without one (as Docker sends).</summary>
    [JsonPropertyName("Tags")]
    public List<string>? Tags { get; set; }

    [JsonPropertyName("Size")]
    public long Size { get; set; }

    [JsonPropertyName("Comment")]
    public string Comment { get; set; } = "";
}
