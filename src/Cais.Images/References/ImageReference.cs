using System.Diagnostics.CodeAnalysis;

namespace Cais.Images.References;

/// <summary>
/// A normalised image reference, <c>domain/path[:tag][@digest]</c>, as Docker understands one
/// (distribution/reference: a "Named" reference after ParseNormalizedNamed). The domain is
/// always present ("docker.io" for Docker Hub) and Docker Hub's official images carry the
/// "library/" namespace, so two spellings of one image ("busybox", "docker.io/library/busybox")
/// give equal values.
/// </summary>
/// <remarks>
/// Vocabulary: <see cref="Name"/> is the repository (domain and path), the tag names a moving
/// version, the digest pins the manifest. Docker accepts both at once ("name:tag@sha256:..."); the
/// digest wins when pulling, the tag is kept for display.
/// </remarks>
public sealed record ImageReference
{
    /// <summary>Docker Hub's canonical domain (normalize.go defaultDomain).</summary>
    public const string DockerHubDomain = "docker.io";

    /// <summary>The namespace of Docker Hub's official images (normalize.go officialRepoPrefix).</summary>
    public const string OfficialNamespace = "library/";

    /// <summary>The tag a reference gets when it names neither tag nor digest (TagNameOnly).</summary>
    public const string DefaultTag = "latest";

    /// <summary>The longest repository path Docker accepts (reference.go RepositoryNameTotalLengthMax).</summary>
    public const int MaxPathLength = 255;

    internal ImageReference(string domain, string path, string? tag, Digest? digest)
    {
        Domain = domain;
        Path = path;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry host, with port when given: "docker.io", "localhost:5000", "[::1]:5000".</summary>
    public string Domain { get; }

    /// <summary>The repository path within the registry: "library/busybox", "user/name".</summary>
    public string Path { get; }

    public string? Tag { get; }

    public Digest? Digest { get; }

    /// <summary>The repository: <c>Domain/Path</c>.</summary>
    public string Name => Domain + "/" + Path;

    /// <summary>Neither tag nor digest: only from <see cref="ParseNamed"/> or <see cref="WithoutTagOrDigest"/>.</summary>
    public bool IsNameOnly => Tag is null && Digest is null;

    /// <summary>Pinned by digest with no tag ("name@sha256:...").</summary>
    public bool IsDigestOnly => Digest is not null && Tag is null;

    /// <summary>
    /// The repository as docker shows it: Docker Hub's domain dropped, and "library/" dropped
    /// when nothing else follows it ("busybox", "user/name", "localhost:5000/a/b") (normalize.go
    /// familiarizeName).
    /// </summary>
    public string FamiliarName
    {
        get
        {
            if (Domain != DockerHubDomain) return Name;
            if (Path.StartsWith(OfficialNamespace, StringComparison.Ordinal))
            {
                var rest = Path[OfficialNamespace.Length..];
                if (!rest.Contains('/')) return rest;
            }
            return Path;
        }
    }

    /// <summary>The full normalised form: "docker.io/library/busybox:latest".</summary>
    public override string ToString() => Format(Name);

    /// <summary>The form docker shows: "busybox:latest", "localhost:5000/a/b@sha256:...".</summary>
    public string FamiliarString() => Format(FamiliarName);

    string Format(string name)
    {
        var text = name;
        if (Tag is not null) text += ":" + Tag;
        if (Digest is { } d) text += "@" + d;
        return text;
    }

    /// <summary>
    /// Parses a reference the way <c>docker pull</c> does: normalised (ParseNormalizedNamed), and
    /// tagged "latest" when it names neither tag nor digest (TagNameOnly).
    /// </summary>
    /// <exception cref="InvalidReferenceException">Docker's message for the rule broken.</exception>
    public static ImageReference Parse(string text)
    {
        var named = ParseNamed(text);
        return named.IsNameOnly ? named.WithTag(DefaultTag) : named;
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out ImageReference? reference)
    {
        reference = null;
        if (text is null || !ReferenceParser.TryParseNamed(text, out var named, out _)) return false;
        reference = named.IsNameOnly ? named.WithTag(DefaultTag) : named;
        return true;
    }

    /// <summary>
    /// Parses and normalises without adding the default tag (ParseNormalizedNamed): for a
    /// repository ("docker images busybox", "docker pull --all-tags busybox").
    /// </summary>
    public static ImageReference ParseNamed(string text) =>
        ReferenceParser.TryParseNamed(text, out var named, out var error) ? named : throw new InvalidReferenceException(error);

    /// <summary>This repository with <paramref name="tag"/>; a digest is kept (reference.go WithTag).</summary>
    public ImageReference WithTag(string tag)
    {
        if (!ReferenceGrammar.AnchoredTag().IsMatch(tag)) throw new InvalidReferenceException("invalid tag format");
        return new ImageReference(Domain, Path, tag, Digest);
    }

    /// <summary>This repository pinned to <paramref name="digest"/>; a tag is kept (reference.go WithDigest).</summary>
    public ImageReference WithDigest(Digest digest)
    {
        if (digest.IsDefault) throw new InvalidReferenceException("invalid digest format");
        return new ImageReference(Domain, Path, Tag, digest);
    }

    /// <summary>The repository alone (reference.go TrimNamed).</summary>
    public ImageReference WithoutTagOrDigest() => new(Domain, Path, null, null);
}
