namespace Cais.Api.Client;

/// <summary>
/// A streamed response body (logs, export), read while it arrives. Disposing it ends the
/// request, which is how a follower (<c>logs -f</c>) stops.
/// </summary>
public sealed class EngineStream : IAsyncDisposable, IDisposable
{
    readonly HttpResponseMessage response;

    EngineStream(HttpResponseMessage response, Stream body)
    {
        this.response = response;
        Body = body;
    }

    public Stream Body { get; }

    public string? ContentType => response.Content.Headers.ContentType?.MediaType;

    /// <summary>
    /// Whether the daemon labelled the body as multiplexed. Older daemons do not label logs at
    /// all; whether the container has a TTY is the surer guide, as in the docker CLI.
    /// </summary>
    public bool IsMultiplexed =>
        string.Equals(ContentType, Hijack.HijackedConnection.MultiplexedStreamContentType, StringComparison.OrdinalIgnoreCase);

    internal static async Task<EngineStream> OpenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return new EngineStream(response, await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Body.DisposeAsync().ConfigureAwait(false);
        response.Dispose();
    }

    public void Dispose()
    {
        Body.Dispose();
        response.Dispose();
    }
}
