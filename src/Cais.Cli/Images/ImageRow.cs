using System.Globalization;
using Cais.Api.Models.Images;
using Cais.Cli.Format;
using Cais.Cli.Format.Templates;
using Cais.Images.References;

namespace Cais.Cli.Images;

/// <summary>
/// One line of `images` (an image under one repository and tag) with the fields of docker's
/// imageContext. An image with several names gives several rows; an untagged one a single
/// &lt;none&gt; row.
/// </summary>
public sealed class ImageRow(ImageSummary image, string repository, string tag, string digest, bool truncate, DateTimeOffset now) : ITemplateObject
{
    public const string DefaultTableFormat = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";

    public const string DefaultTableFormatWithDigest = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";

    public const string None = "<none>";

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ID"] = "IMAGE ID", ["Repository"] = "REPOSITORY", ["Tag"] = "TAG", ["Digest"] = "DIGEST", ["CreatedSince"] = "CREATED",
        ["CreatedAt"] = "CREATED AT", ["Size"] = "SIZE", ["Containers"] = "CONTAINERS", ["VirtualSize"] = "SIZE",
        ["SharedSize"] = "SHARED SIZE", ["UniqueSize"] = "UNIQUE SIZE",
    };

    static readonly string[] Fields = ["Containers", "CreatedAt", "CreatedSince", "Digest", "ID", "Repository", "SharedSize", "Size", "Tag", "UniqueSize", "VirtualSize"];

    public IEnumerable<string> FieldNames => Fields;

    public string TypeName => "*formatter.imageContext";

    public bool TryGetField(string name, out TemplateValue value)
    {
        string? text = name switch
        {
            "ID" => truncate ? DisplayText.TruncateId(image.Id) : image.Id,
            "Repository" => repository,
            "Tag" => tag,
            "Digest" => digest,
            "CreatedSince" => HumanUnits.Ago(DateTimeOffset.FromUnixTimeSeconds(image.Created).UtcDateTime, now.UtcDateTime),
            "CreatedAt" => GoTime.UnixString(image.Created),
            "Size" => HumanUnits.Size(image.Size),
            "Containers" => image.Containers == -1 ? "N/A" : image.Containers.ToString(CultureInfo.InvariantCulture),
            "VirtualSize" => HumanUnits.HumanSize(image.Size),
            "SharedSize" => image.SharedSize == -1 ? "N/A" : HumanUnits.HumanSize(image.SharedSize),
            "UniqueSize" => image.Size == -1 || image.SharedSize == -1 ? "N/A" : HumanUnits.HumanSize(image.Size - image.SharedSize),
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

    /// <summary>docker's isDangling: no names at all (or only the legacy &lt;none&gt; placeholders).</summary>
    public static bool IsDangling(ImageSummary image) =>
        (image.RepoTags.Count == 0 && image.RepoDigests.Count == 0)
        || (image.RepoTags is ["<none>:<none>"] && image.RepoDigests is ["<none>@<none>"]);

    /// <summary>
    /// The rows of one image, as docker's imageFormat makes them: one per repository and tag
    /// (and per digest of that repository when digests are shown), then the repositories known
    /// only by digest.
    /// </summary>
    public static IEnumerable<ImageRow> RowsOf(ImageSummary image, bool showDigests, bool needDigest, bool truncate, DateTimeOffset now)
    {
        if (IsDangling(image))
        {
            yield return new ImageRow(image, None, None, None, truncate, now);
            yield break;
        }
        var tags = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var digests = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var text in image.RepoTags)
            if (TryParse(text) is { Tag: { } tag } reference)
                Add(tags, reference.FamiliarName, tag);
        foreach (var text in image.RepoDigests)
            if (TryParse(text) is { Digest: { } digest } reference)
                Add(digests, reference.FamiliarName, digest.ToString());
        foreach (var (repository, repositoryTags) in tags)
        {
            var repositoryDigests = digests.Remove(repository, out var found) && needDigest ? found : [];
            foreach (var tag in repositoryTags)
            {
                if (repositoryDigests.Count == 0)
                {
                    yield return new ImageRow(image, repository, tag, None, truncate, now);
                    continue;
                }
                foreach (var digest in repositoryDigests)
                    yield return new ImageRow(image, repository, tag, digest, truncate, now);
            }
        }
        foreach (var (repository, repositoryDigests) in digests)
        {
            if (!showDigests)
            {
                yield return new ImageRow(image, repository, None, "", truncate, now);
                continue;
            }
            foreach (var digest in repositoryDigests)
                yield return new ImageRow(image, repository, None, digest, truncate, now);
        }
    }

    static void Add(SortedDictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    static ImageReference? TryParse(string text)
    {
        try
        {
            return ImageReference.ParseNamed(text);
        }
        catch (InvalidReferenceException)
        {
            return null;
        }
    }
}
