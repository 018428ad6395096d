using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cais.Api.Errors;
using Cais.Api.Hijack;
using Cais.Api.Hosting;
using Cais.Api.Routing;
using Cais.Api.Streams;
using Cais.Engine.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using CaisEngine = Cais.Engine.Engine;

namespace Cais.Api.Http;

/// <summary>
/// One request as a handler sees it: the engine, the negotiated API version, the path's
/// variables, the query, and the ways to answer (JSON, a progress stream, a raw stream).
/// </summary>
public sealed class ApiContext
{
    /// <summary>Largest JSON request body read (container create bodies are a few KiB).</summary>
    public const int MaxJsonBodyBytes = 10 * 1024 * 1024;

    internal ApiContext(HttpContext http, CaisEngine engine, ApiServerOptions server, ApiVersion version,
        IReadOnlyDictionary<string, string> routeValues, ILogger logger, CancellationToken stopping, CancellationToken endless)
    {
        Http = http;
        Engine = engine;
        Server = server;
        Version = version;
        RouteValues = routeValues;
        Logger = logger;
        Aborted = http.RequestAborted;
        Stopping = stopping;
        EndlessAborted = endless;
        Query = new QueryValues(http.Request.Query);
    }

    public HttpContext Http { get; }

    public CaisEngine Engine { get; }

    public ApiServerOptions Server { get; }

    /// <summary>The version the client asked for in the path, or the server's own (1.47) without one.</summary>
    public ApiVersion Version { get; }

    public IReadOnlyDictionary<string, string> RouteValues { get; }

    public QueryValues Query { get; }

    public ILogger Logger { get; }

    /// <summary>
    /// Fires when the client goes away (or, after the shutdown timeout, when the server closes
    /// the connection). Ordinary requests use this: a stop lets them finish.
    /// </summary>
    public CancellationToken Aborted { get; }

    /// <summary>Fires when the server begins to stop.</summary>
    public CancellationToken Stopping { get; }

    /// <summary>
    /// <see cref="Aborted"/> or <see cref="Stopping"/>: for streams that never end by themselves
    /// (events, logs --follow, attach), which a stop must not wait for.
    /// </summary>
    public CancellationToken EndlessAborted { get; }

    /// <summary>A path variable ({name}, {id}).</summary>
    public string Route(string name) =>
        RouteValues.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"route has no variable {name}");

    /// <summary>The filters parameter, parsed.</summary>
    public FilterArgs Filters() => FilterArgs.Parse(Query.String("filters"));

    /// <summary>
    /// Reads a JSON body; null when there is none. As Docker: a body needs Content-Type
    /// application/json; unknown fields are ignored; malformed JSON or a wrong type is a 400
    /// that names the field.
    /// </summary>
    public async Task<T?> ReadJsonAsync<T>(JsonTypeInfo<T> type) where T : class
    {
        var bytes = await ReadBodyAsync(MaxJsonBodyBytes);
        if (bytes.Length == 0) return null;
        var contentType = Http.Request.ContentType;
        if (contentType is not null && !IsJson(contentType))
            throw new InvalidParameterException($"unsupported Content-Type header ({contentType}): must be 'application/json'");
        return JsonSerializer.Deserialize(bytes, type);
    }

    static bool IsJson(string contentType) =>
        contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The request body, at most <paramref name="limit"/> bytes. For an upgrade request the
    /// framing pump already took the body off the connection.
    /// </summary>
    async Task<byte[]> ReadBodyAsync(int limit)
    {
        // Only an upgrade request owns a stashed body: an earlier request on the same connection
        // still running must not take the one the pump set aside for the request behind it.
        if (RawStreamStarter.HasConnectionUpgrade(Http.Request)
            && Http.Features.Get<HijackConnectionFeature>()?.TakeUpgradeBody() is { } stashed) return stashed;
        if (Http.Request.ContentLength > limit)
            throw new InvalidParameterException($"request body of {Http.Request.ContentLength} bytes is over the {limit / (1024 * 1024)} MiB limit for JSON bodies");
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await Http.Request.Body.ReadAsync(chunk, Aborted)) > 0)
        {
            if (buffer.Length + n > limit)
                throw new InvalidParameterException($"request body is over the {limit / (1024 * 1024)} MiB limit for JSON bodies");
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    /// <summary>Answers with a JSON body and Docker's trailing newline.</summary>
    public async Task WriteJsonAsync<T>(int status, T value, JsonTypeInfo<T> type)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, type);
        var response = Http.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = body.Length + 1;
        await response.Body.WriteAsync(body, Aborted);
        await response.Body.WriteAsync("\n"u8.ToArray(), Aborted);
    }

    public Task WriteJsonAsync<T>(T value, JsonTypeInfo<T> type) => WriteJsonAsync(StatusCodes.Status200OK, value, type);

    /// <summary>Answers with a status and no body (201 for tag, 204 for delete, ...).</summary>
    public Task WriteStatusAsync(int status)
    {
        Http.Response.StatusCode = status;
        Http.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs work that streams progress messages. A failure before the first message is an
    /// ordinary error response; after it, a final error message (the status is already 200).
    /// </summary>
    public async Task RunProgressAsync(Func<ProgressWriter, Task> work)
    {
        var progress = new ProgressWriter(Http.Response);
        try
        {
            await work(progress);
        }
        catch (Exception e) when (progress.Started && !Aborted.IsCancellationRequested)
        {
            var status = ErrorMapper.StatusOf(e);
            if (status >= 500) Logger.LogError(e, "{Method} {Path} failed after it started streaming", Http.Request.Method, Http.Request.Path);
            await progress.WriteErrorAsync(ErrorMapper.MessageOf(e), Aborted);
        }
    }

    /// <summary>
    /// Starts an attach or exec session: hijacks the connection (101 UPGRADED) when the client
    /// asks for it, else answers 200. <paramref name="tty"/> chooses the raw or the multiplexed
    /// content type.
    /// </summary>
    public Task<RawStream> StartRawStreamAsync(bool tty) => RawStreamStarter.StartAsync(Http, tty);

    /// <summary>
    /// Allows blocking reads and writes of the request and response bodies for this request, for
    /// store code that works on streams synchronously; run it off the thread pool
    /// (<see cref="RunBlockingAsync"/>).
    /// </summary>
    public void AllowSynchronousIO()
    {
        if (Http.Features.Get<IHttpBodyControlFeature>() is { } control) control.AllowSynchronousIO = true;
    }

    /// <summary>Runs blocking work (image load, save, import) on a thread of its own.</summary>
    public static Task RunBlockingAsync(Action work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public static Task<T> RunBlockingAsync<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
