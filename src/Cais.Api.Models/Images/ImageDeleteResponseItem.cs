using System.Text.Json.Serialization;

namespace Cais.Api.Models.Images;

/// <summary>One thing <c>DELETE /images/{name}</c> or a prune did: a name removed, or an image deleted.</summary>
public sealed class ImageDeleteResponseItem
{
    [JsonPropertyName("Untagged")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Untagged { get; set; }

    [JsonPropertyName("Deleted")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Deleted { get; set; }
}

/// <summary><c>POST /images/prune</c> (swagger ImagePruneResponse).</summary>
public sealed class ImagePruneResponse
{
    /// <summary>Null when nothing was deleted, as Docker sends it.</summary>
    [JsonPropertyName("ImagesDeleted")]
    public List<ImageDeleteResponseItem>? ImagesDeleted { get; set; }

    [JsonPropertyName("SpaceReclaimed")]
    public long SpaceReclaimed { get; set; }
}
