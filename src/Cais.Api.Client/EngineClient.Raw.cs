using Cais.Api.Client.Queries;

namespace Cais.Api.Client;

// Any endpoint, for the ones without typed methods yet (images, build, volumes, networks).
public sealed partial class EngineClient
{
    /// <summary>
    /// Sends a request to a versioned API path (<c>/images/json</c> goes to
    /// <c>/v1.47/images/json</c>) and returns once the response head is in, so the body can be
    /// streamed (pull progress, image save). A status of 400 and up throws
    /// <see cref="EngineApiException"/>; the caller disposes the response.
    /// </summary>
    /// <param name="query">Parameters; null values are left out, a name may repeat.</param>
    /// <param name="headers">Extra headers, e.g. <c>X-Registry-Auth</c>; content headers go on the body.</param>
    public Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string path,
        IEnumerable<KeyValuePair<string, string?>>? query = null,
        HttpContent? body = null,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        return SendApiAsync(method, path, new QueryString().AddAll(query), body, cancellationToken, headers);
    }
}
