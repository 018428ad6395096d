using System.Text.Json;
using System.Text.Json.Serialization;
using Cais.Images.Model;

namespace Cais.Images.Service;

/// <summary>What `docker image inspect` prints for one image (moby's types.ImageInspect).</summary>
public sealed class ImageInspect
{
    [JsonPropertyName("Id")] public string Id { get; set; } = "";
    [JsonPropertyName("RepoTags")] public List<string> RepoTags { get; set; } = [];
    [JsonPropertyName("RepoDigests")] public List<string> RepoDigests { get; set; } = [];
    [JsonPropertyName("Parent")] public string Parent { get; set; } = "";
    [JsonPropertyName("Comment")] public string Comment { get; set; } = "";
    [JsonPropertyName("Created")] public string? Created { get; set; }
    [JsonPropertyName("DockerVersion")] public string DockerVersion { get; set; } = "";
    [JsonPropertyName("Author")] public string Author { get; set; } = "";
    [JsonPropertyName("Config")] public ContainerConfig? Config { get; set; }
    [JsonPropertyName("Architecture")] public string Architecture { get; set; } = "";
    [JsonPropertyName("Variant")] public string? Variant { get; set; }
    [JsonPropertyName("Os")] public string Os { get; set; } = "";
    [JsonPropertyName("Size")] public long Size { get; set; }
    [JsonPropertyName("GraphDriver")] public GraphDriverData GraphDriver { get; set; } = new();
    [JsonPropertyName("RootFS")] public RootFsInspect RootFS { get; set; } = new();
    [JsonPropertyName("Metadata")] public ImageMetadataInspect Metadata { get; set; } = new();
}

public sealed class GraphDriverData
{
    [JsonPropertyName("Name")] public string Name { get; set; } = "overlay2";
    [JsonPropertyName("Data")] public Dictionary<string, string> Data { get; set; } = [];
}

public sealed class RootFsInspect
{
    [JsonPropertyName("Type")] public string Type { get; set; } = "layers";
    [JsonPropertyName("Layers")] public List<string> Layers { get; set; } = [];
}

public sealed class ImageMetadataInspect
{
    [JsonPropertyName("LastTagTime")] public string LastTagTime { get; set; } = "0001-01-01T00:00:00Z";
}

// docker inspect indents with four spaces.
[JsonSourceGenerationOptions(WriteIndented = true, IndentSize = 4, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<ImageInspect>))]
public sealed partial class ImageInspectJsonContext : JsonSerializerContext;

public sealed partial class ImageStore
{
    public ImageInspect Inspect(Digest id)
    {
        var record = Metadata.FindImage(id.ToString()) ?? throw new ImageNotFoundException(id.ToString());
        var (config, _) = ConfigOf(id);
        var layers = Metadata.LayersOf(id.ToString());
        var inspect = new ImageInspect
        {
            Id = id.ToString(),
            RepoTags = [.. Metadata.TagsOf(id.ToString()).Select(t => References.ImageReference.Parse(t).FamiliarString())],
            RepoDigests = [.. Metadata.RepoDigestsOf(id.ToString()).Select(t => References.ImageReference.Parse(t).FamiliarString())],
            Parent = record.Parent ?? "",
            Comment = config.History?.LastOrDefault()?.Comment ?? "",
            Created = config.Created,
            Author = config.Author ?? "",
            Config = config.Config,
            Architecture = config.Architecture,
            Variant = config.Variant,
            Os = config.Os,
            Size = record.Size,
            RootFS = new RootFsInspect { Layers = [.. config.RootFs.DiffIds] },
        };
        if (layers.Count > 0)
        {
            var top = Digest.Parse(layers[^1].ChainId);
            inspect.GraphDriver.Data["MergedDir"] = "";
            inspect.GraphDriver.Data["UpperDir"] = Snapshots.LayerDir(top);
            if (layers.Count > 1)
                inspect.GraphDriver.Data["LowerDir"] = string.Join(':', layers.Take(layers.Count - 1).Reverse().Select(l => Snapshots.LayerDir(Digest.Parse(l.ChainId))));
            inspect.GraphDriver.Data.Remove("MergedDir");
        }
        return inspect;
    }
}
