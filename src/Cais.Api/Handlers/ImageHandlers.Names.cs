using Cais.Api.Http;
using Cais.Api.Models.Images;
using Cais.Engine.Errors;
using Cais.Images.References;
using Cais.Images.Service;
using Microsoft.AspNetCore.Http;

namespace Cais.Api.Handlers;

internal static partial class ImageHandlers
{
    /// <summary>POST /images/{name}/tag?repo=&amp;tag= → 201, no body.</summary>
    public static async Task Tag(ApiContext context)
    {
        var target = RepoTagReference(context.Query.String("repo"), context.Query.String("tag"), "tag");
        if (target.FamiliarName == "sha256")
            throw new InvalidParameterException("refusing to create an ambiguous tag using digest algorithm as name");
        context.Engine.TagImage(context.Route("name"), target);
        await context.WriteStatusAsync(StatusCodes.Status201Created);
    }

    /// <summary>
    /// The repository and tag of tag and import (Docker's RepoTagReference): repo may carry a
    /// tag, the tag parameter replaces it, and without either the tag is "latest". A digest is refused.
    /// </summary>
    internal static ImageReference RepoTagReference(string? repo, string? tag, string operation)
    {
        if (string.IsNullOrEmpty(repo)) throw new InvalidParameterException($"{operation}: the repo parameter (the name to give the image) is required");
        var named = ImageReference.ParseNamed(repo);
        if (named.Digest is not null) throw new InvalidParameterException("cannot import digest reference");
        if (!string.IsNullOrEmpty(tag)) return named.WithTag(tag);
        return named.Tag is null ? named.WithTag(ImageReference.DefaultTag) : named;
    }

    /// <summary>DELETE /images/{name}?force=&amp;noprune= → what was untagged and deleted.</summary>
    public static Task Delete(ApiContext context)
    {
        var name = context.Route("name");
        if (string.IsNullOrWhiteSpace(name)) throw new InvalidParameterException("image name cannot be blank");
        var events = context.Engine.RemoveImage(name, force: context.Query.Bool("force"), noPrune: context.Query.Bool("noprune"));
        return context.WriteJsonAsync(events.Select(ToItem).ToList(), ApiJson.Info<List<ImageDeleteResponseItem>>());
    }

    static ImageDeleteResponseItem ToItem(RemoveEvent e) =>
        e.Kind.Equals("Untagged", StringComparison.OrdinalIgnoreCase)
            ? new ImageDeleteResponseItem { Untagged = e.Value }
            : new ImageDeleteResponseItem { Deleted = e.Value };

    /// <summary>
    /// POST /images/prune?filters=: dangling images, or with dangling=false every image no
    /// container uses; then the layers and blobs nothing refers to any more.
    /// </summary>
    public static Task Prune(ApiContext context)
    {
        var filters = context.Filters();
        filters.Validate("dangling", "until", "label", "label!");
        foreach (var unsupported in new[] { "until", "label", "label!" })
            if (filters.Contains(unsupported))
                throw new InvalidParameterException($"invalid filter '{unsupported}': cais prunes images by the dangling filter only so far");
        var dangling = filters.GetBool("dangling") ?? true;
        var result = context.Engine.PruneImages(all: !dangling);
        var response = new ImagePruneResponse
        {
            ImagesDeleted = result.Events.Count == 0 ? null : [.. result.Events.Select(ToItem)],
            SpaceReclaimed = result.ReclaimedBytes,
        };
        return context.WriteJsonAsync(response, ApiJson.Info<ImagePruneResponse>());
    }
}
