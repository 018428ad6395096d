using System.Text.Json;
using Cais.Api.Http;
using Cais.Api.Models.Stats;
using Microsoft.AspNetCore.Http;

namespace Cais.Api.Handlers;

// GET /containers/{id}/stats?stream=&one-shot=: one JSON object per line, one a second while
// streaming (the default), or a single one.
internal static partial class ContainerHandlers
{
    public static async Task Stats(ApiContext context)
    {
        var id = context.Route("id");
        context.Engine.Get(id); // a missing container is a 404, before the 200 goes out
        bool stream = context.Query.Bool("stream", true);
        bool oneShot = context.Version.IsAtLeast("1.41") && context.Query.Bool("one-shot", false);
        var samples = context.Engine.ContainerStats(id, stream, oneShot, stream ? context.EndlessAborted : context.Aborted);
        await using var enumerator = samples.GetAsyncEnumerator();
        // The first sample (or the refusal of stream with one-shot) comes before the headers, so an
        // error is still an error response.
        bool any;
        try { any = await enumerator.MoveNextAsync(); }
        catch (OperationCanceledException) { return; }
        var response = context.Http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        await response.StartAsync(context.Aborted);
        try
        {
            while (any)
            {
                await JsonSerializer.SerializeAsync(response.Body, enumerator.Current, StatsJsonContext.Default.StatsResponse, context.Aborted);
                await response.Body.WriteAsync("\n"u8.ToArray(), context.Aborted);
                await response.Body.FlushAsync(context.Aborted);
                any = await enumerator.MoveNextAsync();
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { } // the client went away
    }
}
