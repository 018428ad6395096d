using System.Net;
using System.Text;
using System.Text.Json;

namespace Cais.Api.Client;

/// <summary>
/// The daemon answered with an error status (400 and up). <see cref="Exception.Message"/> is the
/// <c>message</c> of Docker's error body <c>{"message": "..."}</c>, or the body's text when it is
/// not JSON; the CLI prints it after "Error response from daemon: ".
/// </summary>
public sealed class EngineApiException(HttpStatusCode statusCode, string message) : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    public bool IsConflict => StatusCode == HttpStatusCode.Conflict;

    /// <summary>Builds the exception from an error response's body, as Docker's Go client does.</summary>
    /// <param name="requestUri">The request, for the message when the body is empty (an unknown route, usually).</param>
    public static EngineApiException FromBody(HttpStatusCode statusCode, string? reasonPhrase, ReadOnlySpan<byte> body, string requestUri)
    {
        var text = Encoding.UTF8.GetString(body).Trim();
        if (text.Length == 0)
        {
            var reason = string.IsNullOrEmpty(reasonPhrase) ? ((int)statusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : reasonPhrase;
            return new(statusCode,
                $"request returned {reason} for API route and version {requestUri}, check if the server supports the requested API version");
        }
        return new(statusCode, MessageOf(text) ?? text);
    }

    internal static async Task<EngineApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            body = await ReadLimitedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            body = [];
        }
        return FromBody(response.StatusCode, response.ReasonPhrase, body, response.RequestMessage?.RequestUri?.PathAndQuery ?? "");
    }

    // An error body is a short JSON message; do not let a misbehaving server make the client hold gigabytes.
    const int MaxErrorBody = 1024 * 1024;

    static async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while (buffer.Length < MaxErrorBody && (n = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            buffer.Write(chunk, 0, (int)Math.Min(n, MaxErrorBody - buffer.Length));
        return buffer.ToArray();
    }

    static string? MessageOf(string text)
    {
        if (!text.StartsWith('{'))
            return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String
                ? message.GetString()!.Trim()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
