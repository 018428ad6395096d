using System.Runtime.CompilerServices;
using Cais.Api.Client.Json;
using Cais.Api.Models.Images;

namespace Cais.Api.Client;

/// <summary>
/// A streamed progress answer (load, import, pull): JSON messages one after another, read as
/// they arrive. Disposing it ends the request.
/// </summary>
public sealed class ProgressStream : IAsyncDisposable, IDisposable
{
    readonly HttpResponseMessage response;
    readonly Stream body;

    ProgressStream(HttpResponseMessage response, Stream body)
    {
        this.response = response;
        this.body = body;
    }

    internal static async Task<ProgressStream> OpenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return new ProgressStream(response, await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Every message, in order; a body that is not JSON messages is a <see cref="DaemonConnectionException"/>.</summary>
    public async IAsyncEnumerable<ProgressMessage> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = new JsonSequenceReader<ProgressMessage>(body, ImageJsonContext.Default.ProgressMessage).ReadAllAsync(cancellationToken);
        await using var messages = reader.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await messages.MoveNextAsync().ConfigureAwait(false))
                    yield break;
            }
            catch (Exception e) when (e is InvalidDataException or HttpRequestException or IOException)
            {
                throw new DaemonConnectionException($"reading the daemon's progress messages failed: {e.Message}", e);
            }
            yield return messages.Current;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await body.DisposeAsync().ConfigureAwait(false);
        response.Dispose();
    }

    public void Dispose()
    {
        body.Dispose();
        response.Dispose();
    }
}
