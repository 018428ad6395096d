using System.Text.Json.Serialization;

namespace Cais.Api.Models.Events;

/// <summary>
/// One event of <c>GET /events</c> (moby <c>events.Message</c>). Docker streams these as JSON
/// objects one after another. Container and image events also carry the pre-1.22 fields
/// <c>status</c>, <c>id</c> and <c>from</c>, which old clients (and docker-py's helpers) still read.
/// </summary>
public sealed class EventMessage
{
    /// <summary>Legacy: the action (e.g. <c>start</c>).</summary>
    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; set; }

    /// <summary>Legacy: the actor's ID.</summary>
    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    /// <summary>Legacy: for container events, the container's image.</summary>
    [JsonPropertyName("from")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? From { get; set; }

    /// <summary><c>container</c>, <c>image</c>, <c>volume</c>, <c>network</c>, <c>daemon</c>, <c>plugin</c>, <c>builder</c>, ...</summary>
    public string Type { get; set; } = "";

    /// <summary><c>create</c>, <c>start</c>, <c>die</c>, <c>exec_start: sh</c>, <c>health_status: healthy</c>, ...</summary>
    public string Action { get; set; } = "";

    public EventActor Actor { get; set => field = value ?? new(); } = new();

    /// <summary><c>local</c> for engine events, <c>swarm</c> for cluster events.</summary>
    [JsonPropertyName("scope")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Scope { get; set; }

    /// <summary>Unix seconds.</summary>
    [JsonPropertyName("time")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Time { get; set; }

    /// <summary>Unix nanoseconds; the same instant as <see cref="Time"/>, more precisely.</summary>
    [JsonPropertyName("timeNano")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long TimeNano { get; set; }
}

/// <summary>The object an event is about: its ID and attributes (name, image, labels, exit code, ...).</summary>
public sealed class EventActor
{
    [JsonPropertyName("ID")]
    public string Id { get; set; } = "";

    public Dictionary<string, string>? Attributes { get; set; }
}
