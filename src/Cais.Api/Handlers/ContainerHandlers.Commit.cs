using Cais.Api.Http;
using Cais.Api.Models.Containers;
using Cais.Engine;
using Microsoft.AspNetCore.Http;

namespace Cais.Api.Handlers;

// POST /commit and GET /containers/{id}/export: a container's filesystem out, as an image or a tar.
internal static partial class ContainerHandlers
{
    /// <summary>
    /// POST /commit?container=&amp;repo=&amp;tag=&amp;comment=&amp;author=&amp;pause=&amp;changes= with
    /// an optional body Config → 201 {"Id": "sha256:..."}. pause defaults to true (API 1.13 on).
    /// </summary>
    public static async Task Commit(ApiContext context)
    {
        var config = await context.ReadJsonAsync(ContainerJsonContext.Default.ContainerConfig);
        var repo = context.Query.String("repo");
        var options = new CommitOptions
        {
            Tag = string.IsNullOrEmpty(repo) ? null : ImageHandlers.RepoTagReference(repo, context.Query.String("tag"), "commit"),
            Comment = context.Query.String("comment"),
            Author = context.Query.String("author"),
            Pause = context.Query.Bool("pause", true),
            Changes = context.Query.All("changes"),
            Config = config,
        };
        var id = await context.Engine.CommitContainer(context.Query.String("container") ?? "", options, context.Aborted);
        await context.WriteJsonAsync(StatusCodes.Status201Created, new IdResponse { Id = id.ToString() }, ContainerJsonContext.Default.IdResponse);
    }

    /// <summary>GET /containers/{id}/export → the container's filesystem as an uncompressed tar.</summary>
    public static async Task Export(ApiContext context)
    {
        var id = context.Route("id");
        context.Engine.Get(id); // a missing container is a 404 before any byte
        var response = context.Http.Response;
        response.ContentType = "application/x-tar";
        context.AllowSynchronousIO();
        await ApiContext.RunBlockingAsync(() =>
        {
            // Many small writes (512-byte headers): buffered so each is not a chunk of its own.
            // Not disposed: that would close the response body before the router is done with it.
            var buffered = new BufferedStream(response.Body, 256 * 1024);
            context.Engine.ExportContainer(id, buffered, context.Aborted);
            buffered.Flush();
        });
    }
}
