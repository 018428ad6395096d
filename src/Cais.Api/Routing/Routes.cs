using Cais.Api.Handlers;

namespace Cais.Api.Routing;

/// <summary>
/// Every route the daemon serves, in Docker's order (moby api/server/router/*): the first match
/// wins, so fixed paths come before patterns that would also match them. Paths are without the
/// /v1.NN prefix, which the router takes off first.
/// </summary>
internal static class Routes
{
    public static RouteTable Build() => new RouteTable()
        // System
        .Get("/_ping", SystemHandlers.Ping)
        .Head("/_ping", SystemHandlers.Ping)
        .Get("/version", SystemHandlers.Version)
        .Get("/info", SystemHandlers.Info)
        .Get("/system/df", SystemHandlers.DataUsage)
        .Get("/events", EventHandlers.Events)
        // Containers
        .Get("/containers/json", ContainerHandlers.List)
        .Post("/containers/create", ContainerHandlers.Create)
        .Get("/containers/{id}/changes", ContainerHandlers.Changes)
        .Get("/containers/{id}/json", ContainerHandlers.Inspect)
        .Get("/containers/{id}/top", ContainerHandlers.Top)
        .Get("/containers/{id}/logs", ContainerHandlers.Logs)
        .Get("/containers/{id}/stats", ContainerHandlers.Stats)
        .Get("/containers/{id}/export", ContainerHandlers.Export)
        .Post("/containers/{id}/start", ContainerHandlers.Start)
        .Post("/containers/{id}/stop", ContainerHandlers.Stop)
        .Post("/containers/{id}/restart", ContainerHandlers.Restart)
        .Post("/containers/{id}/kill", ContainerHandlers.Kill)
        .Post("/containers/{id}/pause", ContainerHandlers.Pause)
        .Post("/containers/{id}/unpause", ContainerHandlers.Unpause)
        .Post("/containers/{id}/wait", ContainerHandlers.Wait)
        .Post("/containers/{id}/resize", ContainerHandlers.Resize)
        .Post("/containers/{id}/attach", ContainerHandlers.Attach)
        .Post("/containers/{id}/rename", ContainerHandlers.Rename)
        .Post("/containers/{id}/update", ContainerHandlers.Update)
        .Post("/containers/prune", ContainerHandlers.Prune)
        .Delete("/containers/{id}", ContainerHandlers.Remove)
        .Post("/commit", ContainerHandlers.Commit)
        // Exec
        .Post("/containers/{id}/exec", ExecHandlers.Create)
        .Post("/exec/{id}/start", ExecHandlers.Start)
        .Post("/exec/{id}/resize", ExecHandlers.Resize)
        .Get("/exec/{id}/json", ExecHandlers.Inspect)
        // Images
        .Get("/images/json", ImageHandlers.List)
        .Get("/images/get", ImageHandlers.SaveMany)
        .Get("/images/{name:.*}/get", ImageHandlers.SaveOne)
        .Get("/images/{name:.*}/history", ImageHandlers.History)
        .Get("/images/{name:.*}/json", ImageHandlers.Inspect)
        .Post("/images/load", ImageHandlers.Load)
        .Post("/images/create", ImageHandlers.Create)
        .Post("/images/prune", ImageHandlers.Prune)
        .Post("/images/{name:.*}/tag", ImageHandlers.Tag)
        .Delete("/images/{name:.*}", ImageHandlers.Delete);
}
