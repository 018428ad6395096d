namespace Cais.Api.Client.Queries;

/// <summary>The query of <c>GET /images/json</c> (<c>docker images</c>).</summary>
public sealed record ImageListOptions
{
    /// <summary>Include intermediate images (<c>-a</c>).</summary>
    public bool All { get; init; }

    /// <summary>Fill in repository digests (the docker CLI always asks).</summary>
    public bool Digests { get; init; }

    /// <summary>Compute <c>SharedSize</c> (API 1.42 and later).</summary>
    public bool SharedSize { get; init; }

    public Filters? Filters { get; init; }

    internal QueryString ToQuery() => new QueryString()
        .AddFlag("all", All)
        .AddFlag("digests", Digests)
        .AddFlag("shared-size", SharedSize)
        .Add("filters", Filters);
}

/// <summary>The query of an import, <c>POST /images/create?fromSrc=...</c> (<c>docker import</c>).</summary>
public sealed record ImageImportOptions
{
    /// <summary>An http(s) URL for the daemon to download; null when the tar is the request body.</summary>
    public string? SourceUrl { get; init; }

    /// <summary>The name to give the image, without its tag; null leaves it untagged.</summary>
    public string? Repository { get; init; }

    public string? Tag { get; init; }

    /// <summary>The history comment (<c>-m</c>).</summary>
    public string? Message { get; init; }

    /// <summary>Dockerfile instructions applied to the config (<c>-c</c>), one per parameter.</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary><c>os[/arch[/variant]]</c>; null for the daemon's own.</summary>
    public string? Platform { get; init; }

    internal QueryString ToQuery(bool fromBody)
    {
        var query = new QueryString()
            .Add("fromSrc", fromBody ? "-" : SourceUrl ?? throw new InvalidOperationException("an import needs a source: a request body or a URL"))
            .Add("repo", Repository)
            .Add("tag", Tag)
            .Add("message", Message)
            .Add("platform", Platform);
        foreach (var change in Changes)
            query.Add("changes", change);
        return query;
    }
}

/// <summary>The query of <c>POST /commit</c> (<c>docker commit</c>).</summary>
public sealed record ContainerCommitOptions
{
    /// <summary>The new image's name without its tag; null leaves it untagged.</summary>
    public string? Repository { get; init; }

    public string? Tag { get; init; }

    /// <summary>The history comment (<c>-m</c>).</summary>
    public string? Comment { get; init; }

    /// <summary><c>-a</c>, e.g. "Jane Doe &lt;jane@example.com&gt;".</summary>
    public string? Author { get; init; }

    /// <summary>Freeze the container while its changes are read (<c>-p</c>, on by default).</summary>
    public bool Pause { get; init; } = true;

    /// <summary>Dockerfile instructions applied to the config (<c>-c</c>), one per parameter.</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    internal QueryString ToQuery(string container)
    {
        var query = new QueryString()
            .Add("container", container)
            .Add("repo", Repository)
            .Add("tag", Tag)
            .Add("comment", Comment)
            .Add("author", Author)
            // Docker's client always sends pause, so "pause=0" really is asked for.
            .Add("pause", Pause ? "1" : "0");
        foreach (var change in Changes)
            query.Add("changes", change);
        return query;
    }
}
