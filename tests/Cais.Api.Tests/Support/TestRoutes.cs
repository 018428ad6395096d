using System.Text;
using Cais.Api.Http;
using Cais.Api.Models.Errors;
using Cais.Api.Routing;
using Cais.Api.Streams;
using Cais.Engine.Errors;

namespace Cais.Api.Tests.Support;

/// <summary>Handlers of the tests' own, to drive the server's plumbing (errors, JSON bodies, hijacks).</summary>
public static class TestRoutes
{
    public static void Add(RouteTable table) => table
        .Post("/test/json", async c =>
        {
            var body = await c.ReadJsonAsync(ApiJson.Info<ErrorResponse>());
            await c.WriteJsonAsync(new ErrorResponse { Message = body is null ? "no body" : "got " + body.Message }, ApiJson.Info<ErrorResponse>());
        })
        .Get("/test/version", c => c.WriteJsonAsync(new ErrorResponse { Message = c.Version.Text }, ApiJson.Info<ErrorResponse>()))
        .Get("/test/notfound", _ => throw new NotFoundException("No such container: ghost"))
        .Get("/test/conflict", _ => throw new ConflictException("Conflict. The container name \"/x\" is already in use"))
        .Get("/test/invalid", _ => throw new InvalidParameterException("invalid restart policy \"sometimes\""))
        .Get("/test/notmodified", _ => throw new NotModifiedException("container already started"))
        .Get("/test/boom", _ => throw new InvalidOperationException("kaboom"))
        .Post("/test/echo/{tty}", Echo)
        .Post("/test/missing-exec", _ => throw new NotFoundException("No such exec instance: nope"))
        .Get("/test/slow", async c =>
        {
            // Work that must be allowed to finish when the server stops.
            await Task.Delay(700, CancellationToken.None);
            await c.WriteJsonAsync(new ErrorResponse { Message = "finished" }, ApiJson.Info<ErrorResponse>());
        })
        .Get("/test/forever", c => Task.Delay(Timeout.Infinite, c.EndlessAborted));

    /// <summary>
    /// An exec-start look-alike: reads the JSON body, starts the raw stream, reads the client's
    /// input to its end, then answers (after a pause, so the answer surely comes after the
    /// client's half-close) with what it read.
    /// </summary>
    static async Task Echo(ApiContext c)
    {
        var body = await c.ReadJsonAsync(ApiJson.Info<ErrorResponse>());
        bool tty = c.Route("tty") == "tty";
        await using var session = await c.StartRawStreamAsync(tty);
        var input = new MemoryStream();
        await session.Input.CopyToAsync(input, c.Aborted);
        await Task.Delay(100, c.Aborted);
        var reply = Encoding.UTF8.GetBytes($"body={body?.Message ?? "-"} input={Encoding.UTF8.GetString(input.ToArray())} upgraded={session.Upgraded}");
        if (tty)
        {
            await session.Output.WriteAsync(reply, c.Aborted);
        }
        else
        {
            var mux = new MultiplexedStreamWriter(session.Output);
            await mux.WriteAsync(StdStream.Stdout, reply, c.Aborted);
            await mux.WriteAsync(StdStream.Stderr, "done\n"u8.ToArray(), c.Aborted);
        }
    }
}
