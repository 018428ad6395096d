using Cais.Api.Http;
using DetachKeys = Cais.Api.Models.Streams.DetachKeys;
using DetachKeysPressedException = Cais.Api.Models.Streams.DetachKeysPressedException;
using DetachKeysStream = Cais.Api.Models.Streams.DetachKeysStream;
using Cais.Api.Streams;
using Cais.Engine.Containers;
using Cais.Engine.Errors;
using Cais.Engine.Logs;
using Cais.Engine.Monitor;
using Microsoft.AspNetCore.Http;

namespace Cais.Api.Handlers;

// GET /containers/{id}/logs and POST /containers/{id}/attach.
internal static partial class ContainerHandlers
{
    public static async Task Logs(ApiContext context)
    {
        var c = context.Engine.Get(context.Route("id"));
        bool stdout = context.Query.Bool("stdout"), stderr = context.Query.Bool("stderr");
        if (!stdout && !stderr) throw new InvalidParameterException("Bad parameters: you must choose at least one stream");
        if (c.Record.HostConfig.LogConfig?.Type == "none")
            throw new InvalidParameterException("configured logging driver does not support reading");
        var now = DateTimeOffset.UtcNow;
        var tailText = context.Query.String("tail");
        int? tail = string.IsNullOrEmpty(tailText) || tailText == "all" ? null
            : int.TryParse(tailText, out var n) && n >= 0 ? n : throw new InvalidParameterException($"invalid tail value: {tailText}");
        bool follow = context.Query.Bool("follow") && c.Record.State.Running;
        var options = new LogReadOptions
        {
            Stdout = stdout, Stderr = stderr, Tail = tail, Follow = follow,
            Since = Optional(context.Query.String("since"), now, "since"),
            Until = Optional(context.Query.String("until"), now, "until"),
            WriterDone = follow ? c.NextExit : null,
        };
        var response = context.Http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = c.Record.Config.Tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream";
        await response.StartAsync(context.Aborted);
        var formatter = new LogResponseFormatter(multiplexed: !c.Record.Config.Tty, timestamps: context.Query.Bool("timestamps"));
        var entries = new JsonFileLogReader(context.Engine.LogPathOf(c.Id)).ReadAsync(options, context.Aborted);
        try { await formatter.CopyAsync(entries, response.Body, context.Aborted); }
        catch (OperationCanceledException) { }
    }

    static DateTimeOffset? Optional(string? value, DateTimeOffset now, string what) =>
        string.IsNullOrEmpty(value) || value == "0" ? null : DockerTimestamp.Parse(value, now, what);

    /// <summary>
    /// Attach: output from now on (and, with logs=1, what the log holds first), stdin to the
    /// container when asked, until the container exits or the client goes.
    /// </summary>
    public static async Task Attach(ApiContext context)
    {
        var c = context.Engine.Get(context.Route("id"));
        // Docker's rule: output would not come and input would pile up in a frozen container.
        if (c.Record.State.Status == "paused")
            throw new ConflictException($"container {context.Route("id")} is paused, unpause the container before attach");
        bool stream = context.Query.Bool("stream"), wantStdin = context.Query.Bool("stdin");
        bool wantStdout = context.Query.Bool("stdout"), wantStderr = context.Query.Bool("stderr");
        bool tty = c.Record.Config.Tty;
        var keysText = context.Query.String("detachKeys") is { Length: > 0 } k ? k : "";
        byte[] keys = DetachKeys.Default.ToArray();
        if (keysText.Length > 0 && !DetachKeys.TryParse(keysText, out keys))
            throw new InvalidParameterException($"Invalid detach keys ({keysText}) provided");
        using var detach = CancellationTokenSource.CreateLinkedTokenSource(context.Aborted);
        var output = c.Subscribe(detach.Token);
        context.Engine.Events.Container("attach", c);
        await using var raw = await context.StartRawStreamAsync(tty);
        var mux = tty ? null : new MultiplexedStreamWriter(raw.Output);
        if (!stream)
        {
            detach.Cancel();
            return;
        }
        Task input = wantStdin && c.Record.Config.OpenStdin ? PumpStdin(c, raw.Input, keys, detach, context.Engine.Events) : Task.CompletedTask;
        try
        {
            await foreach (var chunk in output.ReadAllAsync(detach.Token))
            {
                bool isStdout = chunk.Stream == FrameType.Stdout;
                if (isStdout ? !wantStdout : !wantStderr) continue;
                if (mux is not null) await mux.WriteAsync(isStdout ? StdStream.Stdout : StdStream.Stderr, chunk.Data, detach.Token);
                else await raw.Output.WriteAsync(chunk.Data, detach.Token);
                await raw.Output.FlushAsync(detach.Token);
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { } // the client went away
        detach.Cancel();
        try { await input; }
        catch (Exception e) when (e is OperationCanceledException or IOException) { }
    }

    /// <summary>
    /// Client input to the container's stdin; its end closes stdin when the container wants that
    /// (StdinOnce). The detach keys end the attachment (<paramref name="detach"/>) and leave the
    /// container running.
    /// </summary>
    static async Task PumpStdin(Container c, Stream rawInput, byte[] keys, CancellationTokenSource detach, Cais.Engine.Events.EngineEvents events)
    {
        var cancel = detach.Token;
        await using var input = new DetachKeysStream(rawInput, keys, leaveOpen: true);
        try { await CopyStdin(c, input, cancel); }
        catch (DetachKeysPressedException)
        {
            events.Container("detach", c);
            detach.Cancel();
        }
    }

    static async Task CopyStdin(Container c, Stream input, CancellationToken cancel)
    {
        var buffer = new byte[32 * 1024];
        // Input may arrive before the process runs (attach precedes start): wait for the connection.
        while (c.Connection is null && !cancel.IsCancellationRequested) await Task.Delay(5, cancel);
        while (true)
        {
            int n = await input.ReadAsync(buffer, cancel);
            var connection = c.Connection;
            if (connection is null) return;
            if (n == 0)
            {
                if (c.Record.Config.StdinOnce) await connection.CloseStdinAsync(cancel);
                return;
            }
            await connection.WriteStdinAsync(buffer.AsMemory(0, n), cancel);
        }
    }
}
