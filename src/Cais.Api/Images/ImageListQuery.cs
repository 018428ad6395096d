using Cais.Api.Http;
using Cais.Api.Models.Images;
using Cais.Api.Routing;
using Cais.Engine.Errors;
using Cais.Images;
using Cais.Images.Model;
using Cais.Images.References;
using Cais.Images.Service;

namespace Cais.Api.Images;

/// <summary>What a list of images asks for: all (intermediates too), filters, and the costly extras.</summary>
internal sealed record ImageListRequest(bool All, FilterArgs Filters, bool SharedSize, bool CountContainers, ApiVersion Version);

/// <summary>
/// <c>GET /images/json</c> and the image part of <c>/system/df</c>, with Docker's rules: one
/// summary per image, newest first; untagged parents of other images hidden unless all; filters
/// dangling, reference, label, before, since and until.
/// </summary>
internal static class ImageListQuery
{
    static readonly string[] AcceptedFilters = ["dangling", "label", "before", "since", "reference", "until"];

    public static List<ImageSummary> Run(ImageStore store, ImageListRequest request, DateTimeOffset now)
    {
        var filters = request.Filters;
        filters.Validate(AcceptedFilters);
        var dangling = filters.GetBool("dangling");
        var patterns = filters.Get("reference").Select(ReferencePattern.Parse).ToList();
        var labels = filters.Get("label");
        var before = LastImageTime(store, filters.Get("before"));
        var since = LastImageTime(store, filters.Get("since"));
        var until = filters.Get("until") is { Count: > 0 } untilValues ? DockerTimestamp.Parse(untilValues[^1], now, "until") : (DateTimeOffset?)null;
        var chainUsers = request.SharedSize ? CountChainUsers(store) : null;

        var summaries = new List<(ImageSummary Summary, DateTimeOffset Created)>();
        foreach (var image in store.Metadata.Images())
        {
            var id = Digest.Parse(image.Id);
            var created = Rfc3339.TryParse(image.Created) ?? DateTimeOffset.UnixEpoch;
            if (before is { } b && created >= b) continue;
            if (since is { } s && created <= s) continue;
            if (until is { } u && created >= u) continue;
            var imageLabels = LabelsOf(store, id);
            if (!labels.All(l => MatchesLabel(imageLabels, l))) continue;

            var references = store.Metadata.TagsOf(image.Id).Select(r => (Ref: ImageReference.Parse(r), Tag: true))
                .Concat(store.Metadata.RepoDigestsOf(image.Id).Select(r => (Ref: ImageReference.Parse(r), Tag: false)))
                .Where(r => patterns.Count == 0 || patterns.Any(p => p.Matches(r.Ref)))
                .ToList();
            var repoTags = references.Where(r => r.Tag).Select(r => r.Ref.FamiliarString()).ToList();
            var repoDigests = references.Where(r => !r.Tag).Select(r => r.Ref.FamiliarString()).ToList();
            bool hasChildren = store.Metadata.ChildrenOf(image.Id).Count > 0;
            if (repoTags.Count == 0 && repoDigests.Count == 0)
            {
                // Untagged: shown when asked for all or when nothing is built on it (dangling),
                // never when the filter wants tagged images or names a reference.
                if (!request.All && hasChildren) continue;
                if (dangling == false || patterns.Count > 0) continue;
            }
            else if (dangling == true && repoTags.Count > 0)
            {
                continue;
            }
            if (dangling == true && hasChildren) continue;

            var summary = new ImageSummary
            {
                Id = image.Id,
                ParentId = image.Parent ?? "",
                RepoTags = repoTags,
                RepoDigests = repoDigests,
                Created = created.ToUnixTimeSeconds(),
                Size = image.Size,
                SharedSize = chainUsers is null ? -1 : SharedSizeOf(store, image.Id, chainUsers),
                Labels = imageLabels,
                Containers = request.CountContainers ? store.Metadata.UsersOf(image.Id).Count : -1,
            };
            ShapeForVersion(summary, request.Version);
            summaries.Add((summary, created));
        }
        return [.. summaries.OrderByDescending(s => s.Created).ThenBy(s => s.Summary.Id, StringComparer.Ordinal).Select(s => s.Summary)];
    }

    /// <summary>Older clients expect "&lt;none&gt;" placeholders (before 1.43) and VirtualSize (before 1.44).</summary>
    static void ShapeForVersion(ImageSummary summary, ApiVersion version)
    {
        if (version.IsBefore("1.43") && summary.RepoTags.Count == 0 && summary.RepoDigests.Count == 0)
        {
            summary.RepoTags.Add("<none>:<none>");
            summary.RepoDigests.Add("<none>@<none>");
        }
        if (version.IsBefore("1.44")) summary.VirtualSize = summary.Size;
    }

    /// <summary>The creation time of the image the before/since filter names (the last value given), 404 if none.</summary>
    static DateTimeOffset? LastImageTime(ImageStore store, IReadOnlyList<string> names)
    {
        if (names.Count == 0) return null;
        var id = store.Resolve(names[^1]);
        var record = store.Metadata.FindImage(id.ToString()) ?? throw new NotFoundException($"No such image: {names[^1]}");
        return Rfc3339.TryParse(record.Created) ?? DateTimeOffset.UnixEpoch;
    }

    internal static Dictionary<string, string> LabelsOf(ImageStore store, Digest id)
    {
        var labels = store.ConfigOf(id).Config.Config?.Labels;
        return labels is null ? [] : new Dictionary<string, string>(labels, StringComparer.Ordinal);
    }

    /// <summary>label=key (present) or label=key=value (equal), as Docker's MatchKVList.</summary>
    static bool MatchesLabel(Dictionary<string, string> labels, string filter)
    {
        var eq = filter.IndexOf('=');
        if (eq < 0) return labels.ContainsKey(filter);
        return labels.TryGetValue(filter[..eq], out var value) && value == filter[(eq + 1)..];
    }

    /// <summary>How many images stack each unpacked layer.</summary>
    static Dictionary<string, int> CountChainUsers(ImageStore store)
    {
        var users = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var image in store.Metadata.Images())
            foreach (var layer in store.Metadata.LayersOf(image.Id))
                users[layer.ChainId] = users.GetValueOrDefault(layer.ChainId) + 1;
        return users;
    }

    /// <summary>Bytes of this image's layers that other images stack too.</summary>
    static long SharedSizeOf(ImageStore store, string imageId, Dictionary<string, int> chainUsers) =>
        store.Metadata.LayersOf(imageId)
            .Where(l => chainUsers.GetValueOrDefault(l.ChainId) > 1)
            .Sum(l => store.Metadata.FindLayer(l.ChainId)?.Size ?? 0);
}
