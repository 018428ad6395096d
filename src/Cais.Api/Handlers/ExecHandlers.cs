using Cais.Api.Http;
using Cais.Api.Models.Exec;
using Cais.Api.Models.Streams;
using Cais.Api.Streams;
using Cais.Engine.Errors;
using Cais.Engine.Exec;
using Cais.Engine.Monitor;
using Microsoft.AspNetCore.Http;

namespace Cais.Api.Handlers;

/// <summary>POST /containers/{id}/exec, POST /exec/{id}/start, POST /exec/{id}/resize, GET /exec/{id}/json.</summary>
internal static class ExecHandlers
{
    public static async Task Create(ApiContext context)
    {
        var request = await context.ReadJsonAsync(ExecJsonContext.Default.ExecCreateRequest)
                      ?? throw new InvalidParameterException("No exec command specified");
        var keys = request.DetachKeys;
        if (keys.Length > 0 && !DetachKeys.TryParse(keys, out _))
            throw new InvalidParameterException($"Invalid detach keys ({keys}) provided");
        var exec = context.Engine.CreateExec(context.Route("id"), new ExecConfig
        {
            Cmd = request.Cmd ?? [],
            Env = request.Env ?? [],
            User = request.User,
            WorkingDir = request.WorkingDir,
            Tty = request.Tty,
            Privileged = request.Privileged,
            AttachStdin = request.AttachStdin,
            AttachStdout = request.AttachStdout,
            AttachStderr = request.AttachStderr,
            DetachKeys = keys,
            ConsoleSize = ConsoleSizeOf(request.ConsoleSize),
        });
        await context.WriteJsonAsync(StatusCodes.Status201Created, new ExecCreateResponse { Id = exec.Id }, ExecJsonContext.Default.ExecCreateResponse);
    }

    static (ushort, ushort)? ConsoleSizeOf(uint[]? size) =>
        size is [var h, var w] && h > 0 && w > 0 ? ((ushort)Math.Min(h, ushort.MaxValue), (ushort)Math.Min(w, ushort.MaxValue)) : null;

    /// <summary>
    /// Detached: 200 once the process runs. Attached: the connection is hijacked and carries the
    /// output (multiplexed without a terminal) and the input until the process exits; a failure
    /// to start is written into the stream, as Docker does, and the exit code is left for inspect.
    /// </summary>
    public static async Task Start(ApiContext context)
    {
        var request = await context.ReadJsonAsync(ExecJsonContext.Default.ExecStartRequest) ?? new ExecStartRequest();
        var exec = context.Engine.GetExec(context.Route("id"));
        if (exec.Running) throw new ConflictException($"Error: Exec command {exec.Id} is already running");
        if (request.Detach)
        {
            await context.Engine.StartExec(exec.Id, output: null, context.Aborted);
            await context.WriteStatusAsync(StatusCodes.Status200OK);
            return;
        }
        bool tty = exec.Config.Tty;
        await using var raw = await context.StartRawStreamAsync(tty);
        var sink = new ExecOutputSink(raw.Output, tty, exec.Config);
        try
        {
            await context.Engine.StartExec(exec.Id, sink.WriteAsync, CancellationToken.None);
        }
        catch (Exception e) when (e is InvalidParameterException or ConflictException or NotFoundException)
        {
            await sink.WriteErrorAsync(e.Message);
            return;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Aborted);
        var input = exec.Config.AttachStdin ? PumpStdin(context, exec, raw.Input, stop.Token) : Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => false, TaskScheduler.Default);
        // The session ends when the process exits, or when the client detaches with its keys.
        var ended = await Task.WhenAny(exec.Exited, input);
        stop.Cancel();
        if (ended == exec.Exited)
        {
            try { await input; }
            catch (Exception e) when (e is OperationCanceledException or IOException) { }
        }
    }

    /// <summary>Client input to the process; returns true when the client detached with the detach keys.</summary>
    static async Task<bool> PumpStdin(ApiContext context, ExecInstance exec, Stream input, CancellationToken cancel)
    {
        var keys = exec.Config.DetachKeys.Length > 0 ? DetachKeys.Parse(exec.Config.DetachKeys) : DetachKeys.Default.ToArray();
        await using var watched = new DetachKeysStream(input, keys, leaveOpen: true);
        var buffer = new byte[32 * 1024];
        try
        {
            while (true)
            {
                int n = await watched.ReadAsync(buffer, cancel);
                await context.Engine.WriteExecStdin(exec, buffer.AsMemory(0, n), cancel); // 0 bytes: close stdin
                if (n == 0)
                {
                    await exec.Exited.WaitAsync(cancel);
                    return false;
                }
            }
        }
        catch (DetachKeysPressedException)
        {
            return true;
        }
    }

    public static async Task Resize(ApiContext context)
    {
        var h = context.Query.Int64("h", 0);
        var w = context.Query.Int64("w", 0);
        if (h is < 0 or > ushort.MaxValue || w is < 0 or > ushort.MaxValue)
            throw new InvalidParameterException($"invalid terminal size {h}x{w}");
        await context.Engine.ResizeExec(context.Route("id"), (ushort)h, (ushort)w, context.Aborted);
        await context.WriteStatusAsync(StatusCodes.Status200OK);
    }

    public static Task Inspect(ApiContext context)
    {
        var exec = context.Engine.GetExec(context.Route("id"));
        var c = exec.Config;
        var response = new ExecInspectResponse
        {
            Id = exec.Id,
            Running = exec.Running,
            ExitCode = exec.ExitCode,
            ProcessConfig = new ExecProcessConfig
            {
                Tty = c.Tty, Entrypoint = c.Cmd[0], Arguments = [.. c.Cmd.Skip(1)],
                Privileged = c.Privileged, User = c.User.Length > 0 ? c.User : null,
            },
            OpenStdin = c.AttachStdin,
            OpenStdout = c.AttachStdout,
            OpenStderr = c.AttachStderr,
            CanRemove = exec.ExitCode is not null,
            ContainerID = exec.ContainerId,
            DetachKeys = c.DetachKeys.Length > 0 ? Convert.ToBase64String(DetachKeys.Parse(c.DetachKeys)) : "",
            Pid = exec.Pid,
        };
        return context.WriteJsonAsync(response, ExecJsonContext.Default.ExecInspectResponse);
    }

    /// <summary>
    /// Writes an exec's output to the client: only the streams it attached, framed when there is
    /// no terminal. Once the client has gone, output is dropped so the process is never blocked.
    /// </summary>
    sealed class ExecOutputSink(Stream output, bool tty, ExecConfig config)
    {
        readonly Cais.Api.Streams.MultiplexedStreamWriter? mux = tty ? null : new Cais.Api.Streams.MultiplexedStreamWriter(output);
        bool gone;

        public async ValueTask WriteAsync(FrameType type, ReadOnlyMemory<byte> data)
        {
            bool stdout = type == FrameType.Stdout;
            if (gone || (stdout ? !config.AttachStdout : !config.AttachStderr)) return;
            try
            {
                if (mux is not null) await mux.WriteAsync(stdout ? StdStream.Stdout : StdStream.Stderr, data, CancellationToken.None);
                else await output.WriteAsync(data);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
            {
                gone = true;
            }
        }

        public async Task WriteErrorAsync(string message)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(message + "\r\n");
            try
            {
                if (mux is not null) await mux.WriteAsync(StdStream.Stderr, bytes, CancellationToken.None);
                else await output.WriteAsync(bytes);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException) { }
        }
    }
}
