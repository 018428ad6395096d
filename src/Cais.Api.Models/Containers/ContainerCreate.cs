using System.Text.Json.Serialization;

namespace Cais.Api.Models.Containers;

/// <summary>
/// The body of <c>POST /containers/create</c>: the <see cref="ContainerConfig"/> fields at the top
/// level, plus <c>HostConfig</c> and <c>NetworkingConfig</c> (moby <c>container.CreateRequest</c>).
/// The name and platform travel in the query, not here.
/// </summary>
public sealed class ContainerCreateRequest : ContainerConfig
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HostConfig? HostConfig { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NetworkingConfig? NetworkingConfig { get; set; }
}

/// <summary>The 201 answer of <c>POST /containers/create</c>.</summary>
public sealed class ContainerCreateResponse
{
    public string Id { get; set; } = "";

    public List<string> Warnings { get; set => field = value ?? []; } = [];
}
