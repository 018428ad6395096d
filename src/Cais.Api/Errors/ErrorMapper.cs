using System.Text.Json;
using Cais.Engine.Errors;
using Cais.Images.Content;
using Cais.Images.Layers;
using Cais.Images.Model;
using Cais.Images.References;
using Cais.Images.Service;
using Cais.Images.Snapshots;
using Microsoft.AspNetCore.Http;

namespace Cais.Api.Errors;

/// <summary>
/// The one place an exception becomes an HTTP status (Docker's errdefs → status table):
/// missing objects 404, conflicts with state 409, bad input 400, "nothing to do" 304, and
/// everything else 500. The message is the exception's: the engine writes Docker's wording.
/// </summary>
public static class ErrorMapper
{
    public static int StatusOf(Exception e) => e switch
    {
        NotModifiedException => StatusCodes.Status304NotModified,
        NotFoundException or ImageNotFoundException or SnapshotNotFoundException => StatusCodes.Status404NotFound,
        ConflictException or ImageConflictException or SnapshotExistsException or SnapshotInUseException => StatusCodes.Status409Conflict,
        // Kestrel's own request errors (a body over a limit, a malformed chunk) carry their status.
        BadHttpRequestException bad => bad.StatusCode,
        InvalidParameterException or JsonException => StatusCodes.Status400BadRequest,
        // Parsers of client input (references, Dockerfile changes, durations) throw FormatException.
        FormatException => StatusCodes.Status400BadRequest,
        // Broken input a client sent (an archive to load, a rootfs to import): its fault, not ours.
        InvalidImageException or LayerFormatException or LayerSecurityException or InvalidDataException
            or DigestMismatchException or NoMatchingPlatformException => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The text for the client: the exception's message, which names what was wrong.</summary>
    public static string MessageOf(Exception e) => e switch
    {
        JsonException json => $"invalid JSON: {json.Message}",
        _ => e.Message,
    };
}
