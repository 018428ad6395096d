using System.Runtime.CompilerServices;
using Cais.Api.Client.Hijack;
using Cais.Api.Client.Json;
using Cais.Api.Client.Queries;
using Cais.Api.Models.Containers;
using Cais.Api.Models.Stats;

namespace Cais.Api.Client;

// The container endpoints.
public sealed partial class EngineClient
{
    const string ContainerWhat = "container ID or name";

    static ContainerJsonContext ContainerJson => ContainerJsonContext.Default;

    /// <summary><c>POST /containers/create</c>.</summary>
    /// <param name="name">The container's name; null lets the daemon choose one.</param>
    /// <param name="platform"><c>os[/arch[/variant]]</c> of the image to use; null for the host's.</param>
    public Task<ContainerCreateResponse> CreateContainerAsync(ContainerCreateRequest request, string? name = null, string? platform = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendApiJsonAsync(HttpMethod.Post, "/containers/create", new QueryString().Add("name", name).Add("platform", platform),
            JsonBody(request, ContainerJson.ContainerCreateRequest), ContainerJson.ContainerCreateResponse, cancellationToken);
    }

    /// <summary><c>POST /containers/{id}/start</c>; starting a running container is not an error (304).</summary>
    public Task StartContainerAsync(string id, string? detachKeys = null, CancellationToken cancellationToken = default) =>
        SendApiNoContentAsync(HttpMethod.Post, $"/containers/{Segment(id, ContainerWhat)}/start",
            new QueryString().Add("detachKeys", detachKeys), null, cancellationToken);

    /// <summary><c>POST /containers/{id}/stop</c>: the stop signal, then SIGKILL after the timeout.</summary>
    /// <param name="timeoutSeconds">Seconds before the kill; null for the container's own timeout, -1 to wait forever.</param>
    /// <param name="signal">Overrides the container's stop signal.</param>
    public Task StopContainerAsync(string id, int? timeoutSeconds = null, string? signal = null, CancellationToken cancellationToken = default) =>
        SendApiNoContentAsync(HttpMethod.Post, $"/containers/{Segment(id, ContainerWhat)}/stop",
            new QueryString().Add("t", timeoutSeconds).Add("signal", signal), null, cancellationToken);

    /// <summary><c>POST /containers/{id}/restart</c>.</summary>
    public Task RestartContainerAsync(string id, int? timeoutSeconds = null, string? signal = null, CancellationToken cancellationToken = default) =>
        SendApiNoContentAsync(HttpMethod.Post, $"/containers/{Segment(id, ContainerWhat)}/restart",
            new QueryString().Add("t", timeoutSeconds).Add("signal", signal), null, cancellationToken);

    /// <summary><c>POST /containers/{id}/kill</c>; the signal defaults to SIGKILL.</summary>
    public Task KillContainerAsync(string id, string? signal = null, CancellationToken cancellationToken = default) =>
        SendApiNoContentAsync(HttpMethod.Post, $"/containers/{Segment(id, ContainerWhat)}/kill",
            new QueryString().Add("signal", signal), null, cancellationToken);

    /// <summary>
    /// <c>POST /containers/{id}/wait</c> in two steps, as <c>docker run</c> needs: the returned
    /// task completes once the daemon has accepted the wait (so a container started afterwards
    /// cannot exit unseen), and the inner task when the condition is met.
    /// </summary>
    /// <param name="condition"><c>not-running</c> (default), <c>next-exit</c> or <c>removed</c>.</param>
    public async Task<Task<ContainerWaitResponse>> BeginWaitContainerAsync(string id, string? condition = null, CancellationToken cancellationToken = default)
    {
        var response = await SendApiAsync(HttpMethod.Post, $"/containers/{Segment(id, ContainerWhat)}/wait",
            new QueryString().Add("condition", condition), null, cancellationToken).ConfigureAwait(false);
        return ReadJsonAndDisposeAsync(response, ContainerJson.ContainerWaitResponse, cancellationToken);
    }

    /// <summary><c>POST /containers/{id}/wait</c>: blocks until the condition is met.</summary>
    public async Task<ContainerWaitResponse> WaitContainerAsync(string id, string? condition = null, CancellationToken cancellationToken = default) =>
        await (await BeginWaitContainerAsync(id, condition, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary><c>DELETE /containers/{id}</c>.</summary>
    public Task RemoveContainerAsync(string id, ContainerRemoveOptions? options = null, CancellationToken cancellationToken = default) =>
        SendApiNoContentAsync(HttpMethod.Delete, $"/containers/{Segment(id, ContainerWhat)}",
            (options ?? new ContainerRemoveOptions()).ToQuery(), null, cancellationToken);

    /// <summary><c>GET /containers/{id}/json</c>.</summary>
    public Task<ContainerInspectResponse> InspectContainerAsync(string id, bool size = false, CancellationToken cancellationToken = default) =>
        SendApiJsonAsync(HttpMethod.Get, $"/containers/{Segment(id, ContainerWhat)}/json",
            new QueryString().AddFlag("size", size), null, ContainerJson.ContainerInspectResponse, cancellationToken);

    /// <summary><c>GET /containers/json</c>.</summary>
    public async Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(ContainerListOptions? options = null, CancellationToken cancellationToken = default) =>
        await SendApiJsonAsync(HttpMethod.Get, "/containers/json", (options ?? new ContainerListOptions()).ToQuery(), null,
            ContainerJson.ListContainerSummary, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// <c>GET /containers/{id}/logs</c>, streamed. The body is multiplexed unless the container
    /// has a TTY; read it with <c>MultiplexedStreamReader</c> then.
    /// </summary>
    public async Task<EngineStream> GetContainerLogsAsync(string id, ContainerLogsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await SendApiAsync(HttpMethod.Get, $"/containers/{Segment(id, ContainerWhat)}/logs",
            (options ?? new ContainerLogsOptions()).ToQuery(), null, cancellationToken).ConfigureAwait(false);
        return await EngineStream.OpenAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /containers/{id}/top</c>.</summary>
    /// <param name="psArgs">Arguments for <c>ps</c>; null means <c>-ef</c>.</param>
    public Task<ContainerTopResponse> TopContainerAsync(string id, string? psArgs = null, CancellationToken cancellationToken = default) =>
        SendApiJsonAsync(HttpMethod.Get, $"/containers/{Segment(id, ContainerWhat)}/top",
            new QueryString().Add("ps_args", psArgs), null, ContainerJson.ContainerTopResponse, cancellationToken);

    /// <summary><c>POST /containers/{id}/rename</c>.</summary>
    public Task RenameContainerAsync(string id, string newName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(newName);
        return SendApiNoContentAsync(HttpMethod.Post, $"/containers/{Segment(id, ContainerWhat)}/rename",
            new QueryString().Add("name", newName), null, cancellationToken);
    }

    /// <summary><c>POST /containers/{id}/pause</c>.</summary>
    public Task PauseContainerAsync(string id, CancellationToken cancellationToken = default) =>
        SendApiNoContentAsync(HttpMethod.Post, $"/containers/{Segment(id, ContainerWhat)}/pause", null, null, cancellationToken);

    /// <summary><c>POST /containers/{id}/unpause</c>.</summary>
    public Task UnpauseContainerAsync(string id, CancellationToken cancellationToken = default) =>
        SendApiNoContentAsync(HttpMethod.Post, $"/containers/{Segment(id, ContainerWhat)}/unpause", null, null, cancellationToken);

    /// <summary><c>POST /containers/{id}/update</c>.</summary>
    public Task<ContainerUpdateResponse> UpdateContainerAsync(string id, ContainerUpdateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendApiJsonAsync(HttpMethod.Post, $"/containers/{Segment(id, ContainerWhat)}/update", null,
            JsonBody(request, ContainerJson.ContainerUpdateRequest), ContainerJson.ContainerUpdateResponse, cancellationToken);
    }

    /// <summary><c>POST /containers/{id}/resize</c>: the TTY's size in characters.</summary>
    public Task ResizeContainerTtyAsync(string id, int height, int width, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        return SendApiNoContentAsync(HttpMethod.Post, $"/containers/{Segment(id, ContainerWhat)}/resize",
            new QueryString().Add("h", height).Add("w", width), null, cancellationToken);
    }

    /// <summary><c>GET /containers/{id}/changes</c> (<c>docker diff</c>).</summary>
    public async Task<IReadOnlyList<FilesystemChange>> GetContainerChangesAsync(string id, CancellationToken cancellationToken = default) =>
        await SendApiJsonAsync(HttpMethod.Get, $"/containers/{Segment(id, ContainerWhat)}/changes", null, null,
            ContainerJson.ListFilesystemChange, cancellationToken).ConfigureAwait(false);

    /// <summary><c>GET /containers/{id}/export</c>: the root filesystem as a tar stream.</summary>
    public async Task<EngineStream> ExportContainerAsync(string id, CancellationToken cancellationToken = default)
    {
        var response = await SendApiAsync(HttpMethod.Get, $"/containers/{Segment(id, ContainerWhat)}/export", null, null, cancellationToken).ConfigureAwait(false);
        return await EngineStream.OpenAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>POST /containers/prune</c>.</summary>
    public Task<ContainerPruneResponse> PruneContainersAsync(Filters? filters = null, CancellationToken cancellationToken = default) =>
        SendApiJsonAsync(HttpMethod.Post, "/containers/prune", new QueryString().Add("filters", filters), null,
            ContainerJson.ContainerPruneResponse, cancellationToken);

    /// <summary><c>POST /containers/{id}/attach</c>, hijacked: the container's streams on one connection.</summary>
    public async Task<HijackedConnection> AttachContainerAsync(string id, ContainerAttachOptions? options = null, CancellationToken cancellationToken = default)
    {
        var pathAndQuery = await VersionedAsync($"/containers/{Segment(id, ContainerWhat)}/attach",
            (options ?? new ContainerAttachOptions()).ToQuery(), cancellationToken).ConfigureAwait(false);
        return await HijackHandshake.PerformAsync(connector, HostHeader, UserAgent, pathAndQuery, "text/plain", ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /containers/{id}/stats?stream=0</c>: one sample.</summary>
    /// <param name="oneShot">Return at once instead of waiting for a second sample to fill <c>precpu_stats</c>.</param>
    public Task<StatsResponse> GetContainerStatsAsync(string id, bool oneShot = false, CancellationToken cancellationToken = default) =>
        SendApiJsonAsync(HttpMethod.Get, $"/containers/{Segment(id, ContainerWhat)}/stats",
            new QueryString().Add("stream", "0").AddFlag("one-shot", oneShot), null, StatsJsonContext.Default.StatsResponse, cancellationToken);

    /// <summary><c>GET /containers/{id}/stats</c>: a sample about every second until cancelled or the container is gone.</summary>
    public async IAsyncEnumerable<StatsResponse> StreamContainerStatsAsync(string id, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var response = await SendApiAsync(HttpMethod.Get, $"/containers/{Segment(id, ContainerWhat)}/stats",
            new QueryString().Add("stream", "1"), null, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var sample in new JsonSequenceReader<StatsResponse>(body, StatsJsonContext.Default.StatsResponse)
            .ReadAllAsync(cancellationToken).ConfigureAwait(false))
            yield return sample;
    }
}
