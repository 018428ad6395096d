namespace Cais.Api.Client;

/// <summary>How an <see cref="EngineClient"/> talks to the daemon.</summary>
public sealed record EngineClientOptions
{
    /// <summary>
    /// Use this API version without asking the daemon (like <c>DOCKER_API_VERSION</c>); null
    /// negotiates: the first call pings the daemon and uses the lower of its version and
    /// <see cref="ApiVersion.ClientMax"/>.
    /// </summary>
    public ApiVersion? ApiVersion { get; init; }

    /// <summary>The <c>User-Agent</c> header; null means <c>cais/&lt;version&gt;</c>.</summary>
    public string? UserAgent { get; init; }
}
