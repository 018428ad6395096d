using Cais.Api.Models.Images;
using Cais.Api.Routing;
using Cais.Images;
using Cais.Images.Model;
using Cais.Images.References;
using Cais.Images.Service;
using StoreInspect = Cais.Images.Service.ImageInspect;

namespace Cais.Api.Images;

/// <summary>The image store's inspect and history, in the API's shapes.</summary>
internal static class ImageInspectMapper
{
    public static ImageInspectResponse Inspect(ImageStore store, Digest id, ApiVersion version)
    {
        StoreInspect inspect = store.Inspect(id);
        var response = new ImageInspectResponse
        {
            Id = inspect.Id,
            RepoTags = inspect.RepoTags,
            RepoDigests = inspect.RepoDigests,
            Parent = inspect.Parent,
            Comment = inspect.Comment,
            Created = inspect.Created is { } created ? NanoTime(created) : null,
            DockerVersion = inspect.DockerVersion,
            Author = inspect.Author,
            Config = Config(inspect.Config),
            Architecture = inspect.Architecture,
            Variant = string.IsNullOrEmpty(inspect.Variant) ? null : inspect.Variant,
            Os = inspect.Os,
            Size = inspect.Size,
            VirtualSize = version.IsBefore("1.44") ? inspect.Size : null,
            GraphDriver = new Models.Images.GraphDriverData { Name = inspect.GraphDriver.Name, Data = inspect.GraphDriver.Data },
            RootFS = new ImageRootFs { Type = inspect.RootFS.Type, Layers = inspect.RootFS.Layers },
            Metadata = new ImageMetadata { LastTagTime = LastTagTime(store, id) },
        };
        return response;
    }

    /// <summary>RFC 3339 with nanoseconds, as Go prints time.Time (the config's own text when it already is).</summary>
    static string NanoTime(string created) =>
        Rfc3339.TryParse(created) is { } time ? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture) : created;

    static string? LastTagTime(ImageStore store, Digest id)
    {
        var tagged = store.Metadata.Tags().Where(t => t.ImageId == id.ToString()).Select(t => t.Added).DefaultIfEmpty().Max();
        return tagged == default ? null : DateTime.SpecifyKind(tagged, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }

    static ImageInspectConfig Config(ContainerConfig? config)
    {
        if (config is null) return new ImageInspectConfig();
        return new ImageInspectConfig
        {
            User = config.User ?? "",
            ExposedPorts = config.ExposedPorts?.ToDictionary(p => p.Key, _ => new Models.Images.EmptyObject()),
            Env = config.Env?.ToList(),
            Cmd = config.Cmd?.ToList(),
            Healthcheck = config.Healthcheck is { } h ? new ImageHealthConfig
            {
                Test = h.Test?.ToList(),
                Interval = h.Interval ?? 0,
                Timeout = h.Timeout ?? 0,
                StartPeriod = h.StartPeriod ?? 0,
                StartInterval = h.StartInterval ?? 0,
                Retries = h.Retries ?? 0,
            } : null,
            ArgsEscaped = config.ArgsEscaped,
            Volumes = config.Volumes?.ToDictionary(v => v.Key, _ => new Models.Images.EmptyObject()),
            WorkingDir = config.WorkingDir ?? "",
            Entrypoint = config.Entrypoint?.ToList(),
            OnBuild = config.OnBuild?.ToList(),
            Labels = config.Labels?.ToDictionary(l => l.Key, l => l.Value),
            StopSignal = config.StopSignal,
            StopTimeout = config.StopTimeout,
            Shell = config.Shell?.ToList(),
        };
    }

    /// <summary>History rows, newest first; a row that ends at a local image names it and carries its tags.</summary>
    public static List<ImageHistoryItem> History(ImageStore store, Digest id) =>
        [.. store.History(id).Select(row => new ImageHistoryItem
        {
            Id = row.Id,
            Created = row.Created?.ToUnixTimeSeconds() ?? 0,
            CreatedBy = row.CreatedBy,
            Tags = row.Id == "<missing>" ? null : TagsOf(store, row.Id),
            Size = row.Size,
            Comment = row.Comment,
        })];

    static List<string>? TagsOf(ImageStore store, string imageId)
    {
        var tags = store.Metadata.TagsOf(imageId).Select(t => ImageReference.Parse(t).FamiliarString()).ToList();
        return tags.Count == 0 ? null : tags;
    }
}
