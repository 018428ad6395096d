using Cais.Api.Client.Hijack;
using Cais.Api.Models.Exec;

namespace Cais.Api.Client;

// The exec endpoints.
public sealed partial class EngineClient
{
    const string ExecWhat = "exec ID";

    static ExecJsonContext ExecJson => ExecJsonContext.Default;

    /// <summary><c>POST /containers/{id}/exec</c>: sets up a process to run in the container; start it with its ID.</summary>
    public Task<ExecCreateResponse> CreateExecAsync(string containerId, ExecCreateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Cmd is not { Count: > 0 })
            throw new ArgumentException("an exec needs a command (Cmd)", nameof(request));
        return SendApiJsonAsync(HttpMethod.Post, $"/containers/{Segment(containerId, ContainerWhat)}/exec", null,
            JsonBody(request, ExecJson.ExecCreateRequest), ExecJson.ExecCreateResponse, cancellationToken);
    }

    /// <summary>
    /// <c>POST /exec/{id}/start</c>, hijacked: the process's streams on one connection. Use
    /// <see cref="StartExecDetachedAsync"/> to start without attaching.
    /// </summary>
    public async Task<HijackedConnection> StartExecAsync(string execId, ExecStartRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Detach)
            throw new ArgumentException($"a detached exec has no streams to attach; use {nameof(StartExecDetachedAsync)}", nameof(request));
        var pathAndQuery = await VersionedAsync($"/exec/{Segment(execId, ExecWhat)}/start", null, cancellationToken).ConfigureAwait(false);
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(request, ExecJson.ExecStartRequest);
        return await HijackHandshake.PerformAsync(connector, HostHeader, UserAgent, pathAndQuery, "application/json", body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>POST /exec/{id}/start</c> with <c>Detach</c>: starts the process and returns.</summary>
    public Task StartExecDetachedAsync(string execId, ExecStartRequest? request = null, CancellationToken cancellationToken = default)
    {
        var detached = new ExecStartRequest { Detach = true, Tty = request?.Tty ?? false, ConsoleSize = request?.ConsoleSize };
        return SendApiNoContentAsync(HttpMethod.Post, $"/exec/{Segment(execId, ExecWhat)}/start", null,
            JsonBody(detached, ExecJson.ExecStartRequest), cancellationToken);
    }

    /// <summary><c>GET /exec/{id}/json</c>.</summary>
    public Task<ExecInspectResponse> InspectExecAsync(string execId, CancellationToken cancellationToken = default) =>
        SendApiJsonAsync(HttpMethod.Get, $"/exec/{Segment(execId, ExecWhat)}/json", null, null, ExecJson.ExecInspectResponse, cancellationToken);

    /// <summary><c>POST /exec/{id}/resize</c>: the exec's TTY size in characters.</summary>
    public Task ResizeExecAsync(string execId, int height, int width, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        return SendApiNoContentAsync(HttpMethod.Post, $"/exec/{Segment(execId, ExecWhat)}/resize",
            new Queries.QueryString().Add("h", height).Add("w", width), null, cancellationToken);
    }
}
