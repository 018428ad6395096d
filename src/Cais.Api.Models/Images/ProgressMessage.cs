using System.Text.Json;
using System.Text.Json.Serialization;
using Cais.Api.Models.Errors;

namespace Cais.Api.Models.Images;

/// <summary>
/// One line of a streamed progress response (moby pkg/jsonmessage JSONMessage): image load,
/// import, pull and push, and builds. Every field is omitted when empty. A stream that fails after
/// it started ends with a message carrying <see cref="Error"/> and <see cref="ErrorDetail"/>.
/// </summary>
public sealed class ProgressMessage
{
    /// <summary>Text to print as is (it carries its own newline): "Loaded image: busybox:latest\n".</summary>
    [JsonPropertyName("stream")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Stream { get; set; }

    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; set; }

    [JsonPropertyName("progressDetail")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProgressDetail? ProgressDetail { get; set; }

    /// <summary>A rendered progress bar (deprecated by Docker, still sent by it).</summary>
    [JsonPropertyName("progress")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Progress { get; set; }

    /// <summary>The layer or image the status is about.</summary>
    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    [JsonPropertyName("errorDetail")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ErrorDetail? ErrorDetail { get; set; }

    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; set; }

    /// <summary>Structured side data: the built image's {"ID":"sha256:..."}, a push's digest.</summary>
    [JsonPropertyName("aux")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Aux { get; set; }
}

/// <summary>Bytes done of bytes total, for a progress bar.</summary>
public sealed class ProgressDetail
{
    [JsonPropertyName("current")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Current { get; set; }

    [JsonPropertyName("total")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Total { get; set; }
}
