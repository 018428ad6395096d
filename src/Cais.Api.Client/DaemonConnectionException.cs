namespace Cais.Api.Client;

/// <summary>Talking to the daemon failed below the API: the connection broke, TLS failed, a response was malformed.</summary>
public class DaemonConnectionException(string message, Exception? innerException = null) : IOException(message, innerException);

/// <summary>
/// The daemon cannot be reached at all: its socket is missing, nothing listens there, the host
/// does not answer, or the socket is not ours to use. The message reads like docker's:
/// <c>Cannot connect to the cais daemon at unix:///run/cais/cais.sock. Is the cais daemon running?</c>
/// </summary>
public sealed class DaemonUnreachableException(string endpointUri, string message, Exception? innerException = null)
    : DaemonConnectionException(message, innerException)
{
    public string EndpointUri { get; } = endpointUri;

    public static DaemonUnreachableException NotRunning(string endpointUri, Exception? innerException = null) =>
        new(endpointUri, $"Cannot connect to the cais daemon at {endpointUri}. Is the cais daemon running?", innerException);

    public static DaemonUnreachableException PermissionDenied(string endpointUri, Exception? innerException = null) =>
        new(endpointUri,
            $"permission denied while trying to connect to the cais daemon socket at {endpointUri}" +
            (innerException is null ? "" : $": {innerException.Message}"),
            innerException);

    public static DaemonUnreachableException HostNotFound(string endpointUri, string host, Exception? innerException = null) =>
        new(endpointUri, $"Cannot connect to the cais daemon at {endpointUri}: host '{host}' not found", innerException);
}
