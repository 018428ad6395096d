using System.Text.Json;
using Cais.Api.Client.Queries;

namespace Cais.Api.Client;

// Answers kept as the daemon wrote them: `docker inspect` prints the daemon's own JSON (its key
// order, its escapes), and templates run over all of it, fields the typed models lack included.
public sealed partial class EngineClient
{
    /// <summary><c>GET /containers/{id}/json</c> as the bytes the daemon sent.</summary>
    public Task<byte[]> InspectContainerRawAsync(string id, bool size = false, CancellationToken cancellationToken = default) =>
        SendApiBytesAsync(HttpMethod.Get, $"/containers/{Segment(id, ContainerWhat)}/json", new QueryString().AddFlag("size", size), cancellationToken);

    /// <summary><c>GET /images/{name}/json</c> as the bytes the daemon sent.</summary>
    public Task<byte[]> InspectImageRawAsync(string name, CancellationToken cancellationToken = default) =>
        SendApiBytesAsync(HttpMethod.Get, $"/images/{ImagePath(name)}/json", null, cancellationToken);

    /// <summary><c>GET /networks/{id}</c> as the bytes the daemon sent.</summary>
    public Task<byte[]> InspectNetworkRawAsync(string id, CancellationToken cancellationToken = default) =>
        SendApiBytesAsync(HttpMethod.Get, $"/networks/{Segment(id, "network ID or name")}", null, cancellationToken);

    /// <summary><c>GET /volumes/{name}</c> as the bytes the daemon sent.</summary>
    public Task<byte[]> InspectVolumeRawAsync(string name, CancellationToken cancellationToken = default) =>
        SendApiBytesAsync(HttpMethod.Get, $"/volumes/{Segment(name, "volume name")}", null, cancellationToken);

    /// <summary>
    /// <c>POST /commit</c> (<c>docker commit</c>): the container's changes as a new image; returns its ID.
    /// </summary>
    public async Task<string> CommitContainerAsync(string container, ContainerCommitOptions? options = null, CancellationToken cancellationToken = default)
    {
        Segment(container, ContainerWhat);
        var query = (options ?? new ContainerCommitOptions()).ToQuery(container);
        // The body is a container config to merge into the image's; the CLI sends none.
        using var body = new ByteArrayContent("{}"u8.ToArray());
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var bytes = await SendApiBytesAsync(HttpMethod.Post, "/commit", query, cancellationToken, body).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("Id", out var id) && id.ValueKind == JsonValueKind.String)
                return id.GetString()!;
        }
        catch (JsonException)
        {
        }
        throw new DaemonConnectionException("the daemon's answer to /commit has no image Id");
    }

    async Task<byte[]> SendApiBytesAsync(HttpMethod method, string path, QueryString? query, CancellationToken cancellationToken, HttpContent? body = null)
    {
        using var response = await SendApiAsync(method, path, query, body, cancellationToken).ConfigureAwait(false);
        try
        {
            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new DaemonConnectionException($"reading the daemon's answer to {path} failed: {e.Message}", e);
        }
    }
}
