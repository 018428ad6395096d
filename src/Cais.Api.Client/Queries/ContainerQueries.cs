namespace Cais.Api.Client.Queries;

/// <summary>The query of <c>GET /containers/json</c> (<c>docker ps</c>).</summary>
public sealed record ContainerListOptions
{
    /// <summary>Include stopped containers (<c>-a</c>).</summary>
    public bool All { get; init; }

    /// <summary>Only the n most recently created containers, stopped ones included (<c>-n</c>).</summary>
    public int? Limit { get; init; }

    /// <summary>Compute <c>SizeRw</c> and <c>SizeRootFs</c> (<c>-s</c>).</summary>
    public bool Size { get; init; }

    public Filters? Filters { get; init; }

    internal QueryString ToQuery() => new QueryString()
        .AddFlag("all", All)
        .Add("limit", Limit)
        .AddFlag("size", Size)
        .Add("filters", Filters);
}

/// <summary>The query of <c>GET /containers/{id}/logs</c> (<c>docker logs</c>).</summary>
public sealed record ContainerLogsOptions
{
    public bool Stdout { get; init; } = true;

    public bool Stderr { get; init; } = true;

    /// <summary>Keep streaming new output (<c>-f</c>).</summary>
    public bool Follow { get; init; }

    public bool Timestamps { get; init; }

    /// <summary>Show extra attributes (<c>--details</c>).</summary>
    public bool Details { get; init; }

    /// <summary>A Unix timestamp (seconds, optionally with a fraction) as text; the CLI converts relative times.</summary>
    public string? Since { get; init; }

    public string? Until { get; init; }

    /// <summary>A line count or <c>all</c>.</summary>
    public string? Tail { get; init; }

    internal QueryString ToQuery() => new QueryString()
        .AddFlag("stdout", Stdout)
        .AddFlag("stderr", Stderr)
        .AddFlag("follow", Follow)
        .AddFlag("timestamps", Timestamps)
        .AddFlag("details", Details)
        .Add("since", Since)
        .Add("until", Until)
        .Add("tail", Tail);
}

/// <summary>The query of <c>POST /containers/{id}/attach</c>.</summary>
public sealed record ContainerAttachOptions
{
    /// <summary>Stream output from now on.</summary>
    public bool Stream { get; init; } = true;

    /// <summary>Replay the output logged so far first.</summary>
    public bool Logs { get; init; }

    public bool Stdin { get; init; }

    public bool Stdout { get; init; } = true;

    public bool Stderr { get; init; } = true;

    /// <summary>In <c>--detach-keys</c> format; null means the daemon default.</summary>
    public string? DetachKeys { get; init; }

    internal QueryString ToQuery() => new QueryString()
        .AddFlag("stream", Stream)
        .AddFlag("logs", Logs)
        .AddFlag("stdin", Stdin)
        .AddFlag("stdout", Stdout)
        .AddFlag("stderr", Stderr)
        .Add("detachKeys", DetachKeys);
}

/// <summary>The query of <c>DELETE /containers/{id}</c> (<c>docker rm</c>).</summary>
public sealed record ContainerRemoveOptions
{
    /// <summary>Kill it first if it is running (<c>-f</c>).</summary>
    public bool Force { get; init; }

    /// <summary>Remove its anonymous volumes (<c>-v</c>).</summary>
    public bool RemoveVolumes { get; init; }

    /// <summary>Remove a legacy link instead of the container (<c>-l</c>).</summary>
    public bool RemoveLink { get; init; }

    internal QueryString ToQuery() => new QueryString()
        .AddFlag("force", Force)
        .AddFlag("v", RemoveVolumes)
        .AddFlag("link", RemoveLink);
}

/// <summary>The query of <c>GET /events</c>.</summary>
public sealed record EventsOptions
{
    /// <summary>A Unix timestamp (seconds, optionally with a fraction) as text.</summary>
    public string? Since { get; init; }

    /// <summary>A Unix timestamp; the stream ends there.</summary>
    public string? Until { get; init; }

    public Filters? Filters { get; init; }

    internal QueryString ToQuery() => new QueryString()
        .Add("since", Since)
        .Add("until", Until)
        .Add("filters", Filters);
}
