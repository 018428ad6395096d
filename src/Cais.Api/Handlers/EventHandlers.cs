using System.Text.Json;
using Cais.Api.Http;
using Cais.Api.Models.Events;
using Cais.Engine.Errors;
using Cais.Engine.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cais.Api.Handlers;

/// <summary>GET /events: the daemon's events as a stream of JSON objects, one per line.</summary>
internal static class EventHandlers
{
    /// <summary>
    /// <c>since</c> and <c>until</c> as Docker reads them (Unix seconds with a fraction, which the
    /// docker CLI sends; an RFC 3339 time or a duration before now also work). With either, the
    /// recent events in the window come first. An <c>until</c> in the past ends the stream after
    /// them; one in the future ends it then. Each event is flushed as it happens.
    /// </summary>
    public static async Task Events(ApiContext context)
    {
        var now = DateTimeOffset.UtcNow;
        string? sinceText = context.Query.String("since"), untilText = context.Query.String("until");
        var since = Time(sinceText, now, "since");
        var until = Time(untilText, now, "until");
        if (since is { } s && until is { } u && u < s)
            throw new InvalidParameterException($"`since` time ({sinceText}) cannot be after `until` time ({untilText})");
        var filters = context.Filters();
        var filter = new EventFilter(filters.Keys.ToDictionary(k => k, k => filters.Get(k)));

        using var subscription = context.Engine.SubscribeToEvents(since, until, filter);
        var response = context.Http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        await response.StartAsync(context.EndlessAborted);
        await response.Body.FlushAsync(context.EndlessAborted);
        foreach (var e in subscription.Past) await WriteAsync(response.Body, e, context.EndlessAborted);
        await response.Body.FlushAsync(context.EndlessAborted);
        if (until is { } end && end <= now) return; // only past events were asked for

        using var untilReached = CancellationTokenSource.CreateLinkedTokenSource(context.EndlessAborted);
        // CancelAfter takes at most about 49 days; beyond that, the first later event ends the stream.
        if (until is { } later && later - now < TimeSpan.FromDays(30)) untilReached.CancelAfter(later - now);
        long untilNanos = until is { } limit ? EventBus.UnixNanos(limit) : long.MaxValue;
        try
        {
            await foreach (var e in subscription.Live.ReadAllAsync(untilReached.Token))
            {
                if (e.TimeNano > untilNanos) return;
                await WriteAsync(response.Body, e, untilReached.Token);
                await response.Body.FlushAsync(untilReached.Token);
            }
        }
        catch (OperationCanceledException) when (!context.EndlessAborted.IsCancellationRequested)
        {
            // until has come: the stream ends normally.
        }
        catch (EventSubscriberTooSlowException e)
        {
            // The client stopped reading: end its stream rather than hold events for it without bound.
            context.Logger.LogWarning("GET /events: {Message}", e.Message);
            context.Http.Abort();
        }
    }

    static DateTimeOffset? Time(string? value, DateTimeOffset now, string what) =>
        string.IsNullOrEmpty(value) ? null : DockerTimestamp.Parse(value, now, what);

    static async Task WriteAsync(Stream body, EventMessage e, CancellationToken cancel)
    {
        await JsonSerializer.SerializeAsync(body, e, EventJsonContext.Default.EventMessage, cancel);
        await body.WriteAsync(Newline, cancel);
    }

    static readonly ReadOnlyMemory<byte> Newline = "\n"u8.ToArray();
}
