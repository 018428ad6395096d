using System.Text.Json.Serialization;

namespace Cais.Api.Models.Errors;

/// <summary>The body of every failed request (swagger ErrorResponse): <c>{"message":"..."}</c>.</summary>
public sealed class ErrorResponse
{
    [JsonPropertyName("message")]
    public string Message { get; set; } = "";
}

/// <summary>
/// The error detail inside a streamed progress message (moby jsonmessage.JSONError): a failure
/// after a 200 response has started, e.g. a load that breaks half way.
/// </summary>
public sealed class ErrorDetail
{
    [JsonPropertyName("code")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Code { get; set; }

    [JsonPropertyName("message")]
    public string Message { get; set; } = "";
}

[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ErrorDetail))]
public sealed partial class ErrorJsonContext : JsonSerializerContext;
