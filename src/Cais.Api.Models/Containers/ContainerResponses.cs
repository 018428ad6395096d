using System.Text.Json.Serialization;

namespace Cais.Api.Models.Containers;

/// <summary>The answer of <c>POST /containers/{id}/wait</c> once the condition is met.</summary>
public sealed class ContainerWaitResponse
{
    /// <summary>The container's exit code.</summary>
    public long StatusCode { get; set; }

    /// <summary>Set when waiting failed (e.g. the container could not be started again).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ContainerWaitExitError? Error { get; set; }
}

public sealed class ContainerWaitExitError
{
    public string Message { get; set; } = "";
}

/// <summary><c>GET /containers/{id}/top</c>: <c>ps</c> output as column titles and one row per process.</summary>
public sealed class ContainerTopResponse
{
    public List<string>? Titles { get; set; }

    public List<List<string>>? Processes { get; set; }
}

/// <summary>
/// The body of <c>POST /containers/{id}/update</c> (moby <c>container.UpdateConfig</c>): the
/// resources to change, and optionally a new restart policy.
/// </summary>
public sealed class ContainerUpdateRequest : ContainerResources
{
    public RestartPolicy RestartPolicy { get; set => field = value ?? new(); } = new();
}

public sealed class ContainerUpdateResponse
{
    public List<string>? Warnings { get; set; }
}

/// <summary><c>POST /containers/prune</c>: the removed containers and the bytes they freed.</summary>
public sealed class ContainerPruneResponse
{
    public List<string>? ContainersDeleted { get; set; }

    public ulong SpaceReclaimed { get; set; }
}

/// <summary>One entry of <c>GET /containers/{id}/changes</c> (moby <c>container.FilesystemChange</c>).</summary>
public sealed class FilesystemChange
{
    public string Path { get; set; } = "";

    public ChangeKind Kind { get; set; }
}

/// <summary>What happened to a path, written as a number; <c>docker diff</c> prints C, A and D.</summary>
public enum ChangeKind : byte
{
    Modified = 0,
    Added = 1,
    Deleted = 2,
}
