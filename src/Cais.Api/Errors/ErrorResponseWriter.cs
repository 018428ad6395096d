using System.Text.Json;
using Cais.Api.Http;
using Cais.Api.Models.Errors;
using Microsoft.AspNetCore.Http;

namespace Cais.Api.Errors;

/// <summary>Writes Docker's error body, <c>{"message":"..."}</c> and a newline, with a status.</summary>
internal static class ErrorResponseWriter
{
    public static async Task WriteAsync(HttpResponse response, int status, string message, CancellationToken cancel)
    {
        response.StatusCode = status;
        // 304 carries no body (Go's server drops one); HEAD never does.
        if (status == StatusCodes.Status304NotModified || HttpMethods.IsHead(response.HttpContext.Request.Method)) return;
        var body = JsonSerializer.SerializeToUtf8Bytes(new ErrorResponse { Message = message }, ApiJson.Info<ErrorResponse>());
        response.ContentType = "application/json";
        response.ContentLength = body.Length + 1;
        await response.Body.WriteAsync(body, cancel);
        await response.Body.WriteAsync("\n"u8.ToArray(), cancel);
    }
}
