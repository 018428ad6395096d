using System.Globalization;
using Cais.Api.Http;
using Cais.Api.Models.Containers;
using Cais.Engine.Containers;
using Cais.Engine.Errors;
using Microsoft.AspNetCore.Http;

namespace Cais.Api.Handlers;

// Operations on a container besides its lifecycle: top, rename, pause, unpause, update, resize,
// changes, and prune.
internal static partial class ContainerHandlers
{
    /// <summary>GET /containers/{id}/top?ps_args= → {Titles, Processes}.</summary>
    public static async Task Top(ApiContext context)
    {
        var table = await context.Engine.TopContainer(context.Route("id"), context.Query.String("ps_args"), context.Aborted);
        await context.WriteJsonAsync(new ContainerTopResponse { Titles = table.Titles, Processes = table.Processes.Count > 0 ? table.Processes : null },
            ContainerJsonContext.Default.ContainerTopResponse);
    }

    /// <summary>POST /containers/{id}/rename?name= → 204.</summary>
    public static async Task Rename(ApiContext context)
    {
        context.Engine.RenameContainer(context.Route("id"), context.Query.String("name"));
        await context.WriteStatusAsync(StatusCodes.Status204NoContent);
    }

    /// <summary>POST /containers/{id}/pause → 204.</summary>
    public static async Task Pause(ApiContext context)
    {
        await context.Engine.PauseContainer(context.Route("id"), context.Aborted);
        await context.WriteStatusAsync(StatusCodes.Status204NoContent);
    }

    /// <summary>POST /containers/{id}/unpause → 204.</summary>
    public static async Task Unpause(ApiContext context)
    {
        await context.Engine.UnpauseContainer(context.Route("id"), context.Aborted);
        await context.WriteStatusAsync(StatusCodes.Status204NoContent);
    }

    /// <summary>POST /containers/{id}/update (body: UpdateConfig) → {Warnings}.</summary>
    public static async Task Update(ApiContext context)
    {
        var request = await context.ReadJsonAsync(ContainerJsonContext.Default.ContainerUpdateRequest)
                      ?? throw new InvalidParameterException("invalid JSON: got EOF while reading request body");
        var warnings = await context.Engine.UpdateContainer(context.Route("id"), request, CancellationToken.None);
        await context.WriteJsonAsync(new ContainerUpdateResponse { Warnings = warnings }, ContainerJsonContext.Default.ContainerUpdateResponse);
    }

    /// <summary>POST /containers/{id}/resize?h=&amp;w= → 200.</summary>
    public static async Task Resize(ApiContext context)
    {
        var height = Dimension(context.Query.String("h"));
        var width = Dimension(context.Query.String("w"));
        await context.Engine.ResizeContainer(context.Route("id"), height, width, context.Aborted);
        await context.WriteStatusAsync(StatusCodes.Status200OK);
    }

    /// <summary>A terminal size as Docker parses it (strconv.Atoi), within what a terminal can have.</summary>
    static ushort Dimension(string? text)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            throw new InvalidParameterException($"strconv.Atoi: parsing \"{text}\": invalid syntax");
        if (n is < 0 or > ushort.MaxValue) throw new InvalidParameterException($"invalid terminal size {n}: must be 0 to {ushort.MaxValue}");
        return (ushort)n;
    }

    /// <summary>GET /containers/{id}/changes → [{Path, Kind}] (0 modified, 1 added, 2 deleted).</summary>
    public static async Task Changes(ApiContext context)
    {
        var changes = await ApiContext.RunBlockingAsync(() => context.Engine.ContainerChanges(context.Route("id")));
        var list = changes.Select(c => new FilesystemChange { Path = c.Path, Kind = c.Kind }).ToList();
        await context.WriteJsonAsync(list, ContainerJsonContext.Default.ListFilesystemChange);
    }

    /// <summary>POST /containers/prune?filters= (until, label, label!) → {ContainersDeleted, SpaceReclaimed}.</summary>
    public static async Task Prune(ApiContext context)
    {
        var filters = context.Filters();
        filters.Validate("until", "label", "label!");
        var until = Until(filters);
        var labels = filters.Get("label");
        var notLabels = filters.Get("label!");
        bool Selected(ContainerRecord r)
        {
            if (until is { } u && new DateTimeOffset(DateTime.SpecifyKind(r.Created, DateTimeKind.Utc)) > u) return false;
            if (!labels.All(l => LabelMatches(r.Config.Labels, l))) return false;
            // Docker drops a container only when every label! filter matches it.
            return notLabels.Count == 0 || !notLabels.All(l => LabelMatches(r.Config.Labels, l));
        }
        var result = await context.Engine.PruneContainers(Selected, CancellationToken.None);
        await context.WriteJsonAsync(new ContainerPruneResponse
        {
            ContainersDeleted = result.Deleted.Count > 0 ? result.Deleted : null,
            SpaceReclaimed = result.SpaceReclaimed,
        }, ContainerJsonContext.Default.ContainerPruneResponse);
    }

    static DateTimeOffset? Until(FilterArgs filters)
    {
        var values = filters.Get("until");
        if (values.Count == 0) return null;
        if (values.Count > 1) throw new InvalidParameterException("more than one until filter specified");
        return Http.DockerTimestamp.Parse(values[0], DateTimeOffset.UtcNow, "until");
    }
}
