using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Cais.Api.Hijack;

/// <summary>
/// A connection as Kestrel's HTTP layer sees it, with the two things Docker's hijacked streams
/// need and Kestrel lacks: (1) upgrade requests may have a body (see
/// <see cref="RequestFramingPump"/>); (2) half-close: the docker CLI shuts down its sending side
/// when stdin ends (<c>echo x | docker exec -i c cat</c>) and keeps reading the output. Kestrel's
/// socket transport reports that FIN as "connection closed", and the HTTP layer then aborts the
/// response. Here the FIN of a hijacked connection only ends the raw stream's input; a FIN during
/// an ordinary request still aborts it (the client went away), as Go's server does.
/// </summary>
internal sealed class HijackConnection : ConnectionContext, IConnectionTransportFeature, IConnectionLifetimeFeature
{
    readonly ConnectionContext inner;
    readonly CancellationTokenSource closed = new();
    readonly CancellationTokenSource stopPump = new();
    readonly HijackConnectionFeature hijack = new();
    readonly FeatureCollection features;
    readonly Pipe toKestrel;
    readonly PipeReader source;
    IDuplexPipe transport;
    Task pump = Task.CompletedTask;

    HijackConnection(ConnectionContext inner)
    {
        this.inner = inner;
        source = inner.Transport.Input;
        var pool = inner.Features.Get<IMemoryPoolFeature>()?.MemoryPool;
        toKestrel = new Pipe(new PipeOptions(pool, pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false));
        transport = new DuplexPipe(toKestrel.Reader, inner.Transport.Output);
        features = new FeatureCollection(inner.Features);
        features.Set<IConnectionTransportFeature>(this);
        features.Set<IConnectionLifetimeFeature>(this);
        features.Set(hijack);
        inner.ConnectionClosed.Register(static state => ((HijackConnection)state!).OnTransportClosed(), this);
    }

    /// <summary>Kestrel connection middleware: wraps the connection, pumps it, cleans up after it.</summary>
    public static async Task RunAsync(ConnectionContext inner, ConnectionDelegate next)
    {
        var connection = new HijackConnection(inner);
        connection.pump = new RequestFramingPump(connection.source, connection.toKestrel.Writer, connection.hijack).RunAsync(connection.stopPump.Token);
        try
        {
            await next(connection);
        }
        finally
        {
            await connection.StopAsync();
        }
    }

    void OnTransportClosed()
    {
        if (hijack.IsHijacked) return;
        // A FIN while an upgrade request is being decided: the hijack may still happen (a client
        // may send its input and FIN right behind the request), so wait for the verdict.
        if (hijack.PendingVerdict is { } verdict)
        {
            verdict.ContinueWith(static (t, state) =>
            {
                if (!t.IsCompletedSuccessfully || !t.Result) ((HijackConnection)state!).CloseQuietly();
            }, this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return;
        }
        CloseQuietly();
    }

    void CloseQuietly()
    {
        try { closed.Cancel(); } catch (ObjectDisposedException) { }
    }

    async Task StopAsync()
    {
        hijack.Cancel();
        stopPump.Cancel();
        source.CancelPendingRead();
        await pump;
        CloseQuietly();
        closed.Dispose();
        stopPump.Dispose();
    }

    public override string ConnectionId { get => inner.ConnectionId; set => inner.ConnectionId = value; }

    public override IFeatureCollection Features => features;

    public override IDictionary<object, object?> Items { get => inner.Items; set => inner.Items = value; }

    public override IDuplexPipe Transport { get => transport; set => transport = value; }

    public override CancellationToken ConnectionClosed { get => closed.Token; set => throw new NotSupportedException("the hijack connection owns its closed token"); }

    public override EndPoint? LocalEndPoint { get => inner.LocalEndPoint; set => inner.LocalEndPoint = value; }

    public override EndPoint? RemoteEndPoint { get => inner.RemoteEndPoint; set => inner.RemoteEndPoint = value; }

    public override void Abort(ConnectionAbortedException abortReason) => inner.Abort(abortReason);

    public override void Abort() => inner.Abort();

    // Kestrel disposes the connection it created (inner); this wrapper is finished in StopAsync.
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }
}
