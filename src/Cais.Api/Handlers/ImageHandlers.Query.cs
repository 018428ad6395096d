using Cais.Api.Http;
using Cais.Api.Images;
using Cais.Api.Models.Images;

namespace Cais.Api.Handlers;

/// <summary>The image endpoints, over the engine's image store, with Docker's semantics and shapes.</summary>
internal static partial class ImageHandlers
{
    /// <summary>GET /images/json?all=&amp;filters=&amp;digests=&amp;shared-size=</summary>
    public static Task List(ApiContext context)
    {
        var filters = context.Filters();
        // Before API 1.41 a "filter" parameter was a reference pattern (docker images PATTERN).
        if (context.Version.IsBefore("1.41") && context.Query.String("filter") is { Length: > 0 } legacy)
            filters.Add("reference", legacy);
        var request = new ImageListRequest(
            All: context.Query.Bool("all"),
            filters,
            // shared-size arrived in API 1.42; older clients never get it computed.
            SharedSize: context.Version.IsAtLeast("1.42") && context.Query.Bool("shared-size"),
            CountContainers: false,
            context.Version);
        var images = ImageListQuery.Run(context.Engine.Images, request, DateTimeOffset.UtcNow);
        return context.WriteJsonAsync(images, ApiJson.Info<List<ImageSummary>>());
    }

    /// <summary>GET /images/{name}/json</summary>
    public static Task Inspect(ApiContext context)
    {
        var store = context.Engine.Images;
        var id = store.Resolve(context.Route("name"));
        return context.WriteJsonAsync(ImageInspectMapper.Inspect(store, id, context.Version), ApiJson.Info<ImageInspectResponse>());
    }

    /// <summary>GET /images/{name}/history</summary>
    public static Task History(ApiContext context)
    {
        var store = context.Engine.Images;
        var id = store.Resolve(context.Route("name"));
        return context.WriteJsonAsync(ImageInspectMapper.History(store, id), ApiJson.Info<List<ImageHistoryItem>>());
    }
}
