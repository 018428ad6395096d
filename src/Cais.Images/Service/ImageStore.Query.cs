using Cais.Images.Model;
using Cais.Images.References;

namespace Cais.Images.Service;

/// <summary>One row of `docker images`: an image under one of its names (or &lt;none&gt;).</summary>
public sealed record ImageRow(string Repository, string Tag, string? Digest, Digest Id, DateTimeOffset? Created, long Size, bool Dangling);

/// <summary>Filters of `docker images`: dangling=true|false, reference=PATTERN (repeatable).</summary>
public sealed record ImageFilter(bool? Dangling = null, IReadOnlyList<string>? References = null);

/// <summary>One row of `docker history`, newest first.</summary>
public sealed record HistoryRow(string Id, DateTimeOffset? Created, string CreatedBy, long Size, string Comment);

public sealed partial class ImageStore
{
    /// <summary>
    /// `docker images`: a row per name, an untagged image as &lt;none&gt;. Without <paramref name="all"/>,
    /// untagged images that are parents of others (intermediates) are hidden, as Docker does.
    /// </summary>
    public List<ImageRow> List(bool all, ImageFilter? filter = null)
    {
        var rows = new List<ImageRow>();
        // Newest first by creation date, as Docker's daemon sorts them.
        var images = Metadata.Images().OrderByDescending(i => Rfc3339.TryParse(i.Created) ?? DateTimeOffset.MinValue).ThenBy(i => i.Id);
        foreach (var image in images)
        {
            var id = Digest.Parse(image.Id);
            var created = Rfc3339.TryParse(image.Created);
            var tags = Metadata.TagsOf(image.Id).Select(ImageReference.Parse).ToList();
            var digests = Metadata.RepoDigestsOf(image.Id).Select(ImageReference.Parse).ToList();
            bool dangling = tags.Count == 0;
            if (dangling && !all && Metadata.ChildrenOf(image.Id).Count > 0) continue;
            if (filter?.Dangling is { } d && d != dangling) continue;
            if (tags.Count == 0)
            {
                var byDigest = digests.FirstOrDefault();
                if (byDigest is not null && filter?.References is { Count: > 0 } && !MatchesAny(byDigest, filter.References)) continue;
                if (byDigest is null && filter?.References is { Count: > 0 }) continue;
                rows.Add(new ImageRow(byDigest?.FamiliarName ?? "<none>", "<none>", byDigest?.Digest?.ToString(), id, created, image.Size, true));
                continue;
            }
            foreach (var tag in tags)
            {
                if (filter?.References is { Count: > 0 } patterns && !MatchesAny(tag, patterns)) continue;
                var digest = digests.FirstOrDefault(x => x.Name == tag.Name)?.Digest?.ToString();
                rows.Add(new ImageRow(tag.FamiliarName, tag.Tag!, digest, id, created, image.Size, false));
            }
        }
        return rows;
    }

    /// <summary>Docker's reference filter: a glob (path.Match: * and ?) on the familiar name, or on name:tag.</summary>
    static bool MatchesAny(ImageReference reference, IReadOnlyList<string> patterns) =>
        patterns.Any(p => Glob(p, reference.FamiliarName) || Glob(p, reference.FamiliarString()));

    static bool Glob(string pattern, string text)
    {
        // path.Match: '*' matches any run of non-'/' characters, '?' one non-'/' character.
        var regex = "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", "[^/]*").Replace("\\?", "[^/]") + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(text, regex);
    }

    /// <summary>The config of an image, as stored (its bytes are its id).</summary>
    public (ImageConfig Config, byte[] Raw) ConfigOf(Digest id)
    {
        var raw = Content.ReadAllBytes(id);
        return (ModelJson.ReadConfig(raw, $"config of {id}"), raw);
    }

    /// <summary>
    /// `docker history`: the config's history entries, newest first, with the size of the layer
    /// each non-empty entry made; the top row carries the image id, the others &lt;missing&gt;
    /// unless they are local parent images (as Docker shows them).
    /// </summary>
    public List<HistoryRow> History(Digest id)
    {
        var (config, _) = ConfigOf(id);
        var layers = Metadata.LayersOf(id.ToString());
        var history = config.History ?? [];
        var rows = new List<HistoryRow>();
        int layerIndex = 0;
        foreach (var h in history)
        {
            long size = 0;
            if (h.EmptyLayer != true && layerIndex < layers.Count)
                size = Metadata.FindLayer(layers[layerIndex++].ChainId)?.Size ?? 0;
            rows.Add(new HistoryRow("<missing>", Rfc3339.TryParse(h.Created), h.CreatedBy ?? "", size, h.Comment ?? ""));
        }
        if (history.Count == 0)
            foreach (var l in layers)
                rows.Add(new HistoryRow("<missing>", config.CreatedTime, "", Metadata.FindLayer(l.ChainId)?.Size ?? 0, ""));
        rows.Reverse();
        // Local ancestors (build and commit parents) name the rows they end at.
        var current = id.ToString();
        int index = 0;
        while (current is not null && index < rows.Count)
        {
            rows[index] = rows[index] with { Id = current };
            var parent = Metadata.FindImage(current)?.Parent;
            if (parent is null) break;
            var parentHistory = ConfigOf(Digest.Parse(parent)).Config.History?.Count ?? 0;
            index = rows.Count - parentHistory;
            current = parent;
        }
        return rows;
    }
}
