using System.Globalization;
using Cais.Api.Http;
using Cais.Api.Models.Containers;
using Cais.Engine.Containers;
using Cais.Engine.Errors;
using Microsoft.AspNetCore.Http;

namespace Cais.Api.Handlers;

/// <summary>The container lifecycle endpoints: create, start, stop, restart, kill, wait, remove.</summary>
internal static partial class ContainerHandlers
{
    /// <summary>POST /containers/create?name= → 201 {Id, Warnings}.</summary>
    public static async Task Create(ApiContext context)
    {
        var request = await context.ReadJsonAsync(ContainerJsonContext.Default.ContainerCreateRequest)
                      ?? throw new InvalidParameterException("config cannot be empty in order to create a container");
        var result = context.Engine.CreateContainer(request, context.Query.String("name"));
        await context.WriteJsonAsync(StatusCodes.Status201Created,
            new ContainerCreateResponse { Id = result.Id, Warnings = result.Warnings }, ContainerJsonContext.Default.ContainerCreateResponse);
    }

    /// <summary>POST /containers/{id}/start → 204, or 304 when it runs already.</summary>
    public static async Task Start(ApiContext context)
    {
        await context.Engine.StartContainer(context.Route("id"), context.Aborted);
        await context.WriteStatusAsync(StatusCodes.Status204NoContent);
    }

    /// <summary>POST /containers/{id}/stop?t=&amp;signal= → 204, or 304 when it is stopped already.</summary>
    public static async Task Stop(ApiContext context)
    {
        await context.Engine.StopContainer(context.Route("id"), Timeout(context), context.Query.String("signal"), CancellationToken.None);
        await context.WriteStatusAsync(StatusCodes.Status204NoContent);
    }

    public static async Task Restart(ApiContext context)
    {
        await context.Engine.RestartContainer(context.Route("id"), Timeout(context), context.Query.String("signal"), CancellationToken.None);
        await context.WriteStatusAsync(StatusCodes.Status204NoContent);
    }

    static int? Timeout(ApiContext context)
    {
        var t = context.Query.String("t");
        if (string.IsNullOrEmpty(t)) return null;
        return int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw new InvalidParameterException($"invalid value for t: {t}");
    }

    public static async Task Kill(ApiContext context)
    {
        await context.Engine.KillContainer(context.Route("id"), context.Query.String("signal"), context.Aborted);
        await context.WriteStatusAsync(StatusCodes.Status204NoContent);
    }

    /// <summary>
    /// POST /containers/{id}/wait?condition= → {StatusCode, Error}. The headers go out at once
    /// (docker run starts the container only after its wait is accepted), the body at the exit.
    /// </summary>
    public static async Task Wait(ApiContext context)
    {
        var id = context.Route("id");
        context.Engine.Get(id); // a missing container is a 404, before the 200 goes out
        var waiting = context.Engine.WaitContainer(id, context.Query.String("condition"), context.Aborted);
        var response = context.Http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        await response.StartAsync(context.Aborted);
        await response.Body.FlushAsync(context.Aborted);
        ExitInfo exit;
        try { exit = await waiting; }
        catch (OperationCanceledException) { return; }
        var body = new ContainerWaitResponse
        {
            StatusCode = exit.ExitCode,
            Error = exit.Error is null ? null : new ContainerWaitExitError { Message = exit.Error },
        };
        await System.Text.Json.JsonSerializer.SerializeAsync(response.Body, body, ContainerJsonContext.Default.ContainerWaitResponse, context.Aborted);
        await response.Body.WriteAsync("\n"u8.ToArray(), context.Aborted);
    }

    /// <summary>DELETE /containers/{id}?force=&amp;v= → 204.</summary>
    public static async Task Remove(ApiContext context)
    {
        await context.Engine.RemoveContainer(context.Route("id"), context.Query.Bool("force"), context.Query.Bool("v"), CancellationToken.None);
        await context.WriteStatusAsync(StatusCodes.Status204NoContent);
    }
}
