using System.Text.Json.Serialization;

namespace Cais.Images.Archives;

/// <summary>One entry of a docker-archive's manifest.json (moby image/tarexport manifestItem; Go's field names).</summary>
public sealed class ArchiveManifestItem
{
    [JsonPropertyName("Config")] public string Config { get; set; } = "";
    [JsonPropertyName("RepoTags")] public List<string>? RepoTags { get; set; }
    [JsonPropertyName("Layers")] public List<string> Layers { get; set; } = [];
    [JsonPropertyName("Parent")] public string? Parent { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(List<ArchiveManifestItem>))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
internal sealed partial class ArchiveJsonContext : JsonSerializerContext;
