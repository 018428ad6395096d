using System.Text.Json;
using Cais.Api.Http;
using Cais.Api.Models.Errors;
using Cais.Api.Models.Images;
using Microsoft.AspNetCore.Http;

namespace Cais.Api.Streams;

/// <summary>
/// A streamed progress response (load, import, pull, build): status 200, Content-Type
/// application/json, one JSON message per line ending in CRLF (moby's streamformatter), each
/// flushed as written. Nothing is sent before the first message, so a failure before it is still
/// an ordinary error response with its status; a failure after it becomes a last message with
/// "error" and "errorDetail", which the docker CLI prints and exits 1 on.
/// </summary>
public sealed class ProgressWriter(HttpResponse response)
{
    static readonly byte[] LineEnd = "\r\n"u8.ToArray();

    public bool Started => response.HasStarted;

    public Task WriteStreamAsync(string text, CancellationToken cancel) =>
        WriteAsync(new ProgressMessage { Stream = text }, cancel);

    public Task WriteStatusAsync(string status, CancellationToken cancel, string? id = null) =>
        WriteAsync(new ProgressMessage { Status = status, Id = id }, cancel);

    public Task WriteErrorAsync(string message, CancellationToken cancel) =>
        WriteAsync(new ProgressMessage { Error = message, ErrorDetail = new ErrorDetail { Message = message } }, cancel);

    public async Task WriteAsync(ProgressMessage message, CancellationToken cancel)
    {
        if (!response.HasStarted)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
        }
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, ApiJson.Info<ProgressMessage>());
        await response.Body.WriteAsync(bytes, cancel);
        await response.Body.WriteAsync(LineEnd, cancel);
        await response.Body.FlushAsync(cancel);
    }
}
