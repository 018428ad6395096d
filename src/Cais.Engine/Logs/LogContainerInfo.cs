namespace Cais.Engine.Logs;

/// <summary>
/// What the log attributes (labels, env, tag) may refer to, as Docker's logger.Info: the
/// container's full id, name ("/web" or "web"), image id and name, labels and environment.
/// </summary>
public sealed record LogContainerInfo(
    string Id,
    string Name,
    string ImageId,
    string ImageName,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> Env)
{
    /// <summary>{{.DaemonName}} in a tag template: "docker", as Docker says, so log pipelines keyed on it keep working.</summary>
    public string DaemonName { get; init; } = "docker";
}
