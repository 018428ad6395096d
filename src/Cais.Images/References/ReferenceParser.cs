using System.Diagnostics.CodeAnalysis;

namespace Cais.Images.References;

/// <summary>
/// Docker's normalisation of a familiar reference (distribution/reference normalize.go
/// ParseNormalizedNamed), followed by the grammar check of reference.go Parse. The order of the
/// checks decides which message a bad input gets, so it follows Docker's.
/// </summary>
static class ReferenceParser
{
    const string LegacyDockerHubDomain = "index.docker.io";
    const string Localhost = "localhost";

    public static bool TryParseNamed(string text, [NotNullWhen(true)] out ImageReference? reference, out string error)
    {
        reference = null;

        // A bare 64-hex string is an image ID, never a repository (normalize.go).
        if (ReferenceGrammar.Identifier().IsMatch(text))
        {
            error = $"invalid repository name ({text}), cannot specify 64-byte hexadecimal strings";
            return false;
        }

        var (domain, remainder) = SplitDockerDomain(text);
        int tagSeparator = remainder.IndexOf(':');
        var remote = tagSeparator >= 0 ? remainder[..tagSeparator] : remainder;
        if (!remote.Equals(remote.ToLowerInvariant(), StringComparison.Ordinal))
        {
            error = $"invalid reference format: repository name ({remote}) must be lowercase";
            return false;
        }

        return TryParseFull(domain + "/" + remainder, out reference, out error);
    }

    /// <summary>
    /// Splits off the registry: the first component is a domain when it is "localhost", contains
    /// '.' or ':' ("example.com", "host:5000", "[::1]:5000"), or has an upper-case letter (paths
    /// are lower-case, so "Foo/bar" can only be a host). A single component is never a domain:
    /// "localhost" alone is docker.io/library/localhost. Docker Hub names without a namespace get
    /// "library/" (normalize.go splitDockerDomain).
    /// </summary>
    static (string Domain, string Remainder) SplitDockerDomain(string name)
    {
        int slash = name.IndexOf('/');
        if (slash < 0) return (ImageReference.DockerHubDomain, ImageReference.OfficialNamespace + name);

        var first = name[..slash];
        var rest = name[(slash + 1)..];
        string domain;
        string remote;
        if (first == Localhost || first.Contains('.') || first.Contains(':') ||
            !first.Equals(first.ToLowerInvariant(), StringComparison.Ordinal))
        {
            (domain, remote) = first == LegacyDockerHubDomain ? (ImageReference.DockerHubDomain, rest) : (first, rest);
        }
        else
        {
            (domain, remote) = (ImageReference.DockerHubDomain, name);
        }

        if (domain == ImageReference.DockerHubDomain && !remote.Contains('/'))
            remote = ImageReference.OfficialNamespace + remote;
        return (domain, remote);
    }

    /// <summary>reference.go Parse, on the normalised "domain/remainder" string.</summary>
    static bool TryParseFull(string text, [NotNullWhen(true)] out ImageReference? reference, out string error)
    {
        reference = null;
        var match = ReferenceGrammar.Reference().Match(text);
        if (!match.Success)
        {
            var lower = text.ToLowerInvariant();
            error = lower != text && ReferenceGrammar.Reference().IsMatch(lower)
                ? "repository name must be lowercase"
                : "invalid reference format";
            return false;
        }

        var name = ReferenceGrammar.AnchoredName().Match(match.Groups[1].Value);
        var domain = name.Groups[1].Value;
        var path = name.Groups[2].Value;

        // Docker would accept "a_b.c/x" as a domain-less name, because "a_b.c" is chosen as the
        // domain by splitDockerDomain but fails the domain grammar and then parses as a path
        // component. A reference without a registry cannot be pulled, so cais refuses it.
        if (domain.Length == 0)
        {
            error = "invalid reference format";
            return false;
        }

        if (path.Length > ImageReference.MaxPathLength)
        {
            error = $"repository name must not be more than {ImageReference.MaxPathLength} characters";
            return false;
        }

        var tag = match.Groups[2].Success ? match.Groups[2].Value : null;
        Digest? digest = null;
        if (match.Groups[3].Success)
        {
            if (!TryParseDigest(match.Groups[3].Value, out var d, out error)) return false;
            digest = d;
        }

        reference = new ImageReference(domain, path, tag, digest);
        error = "";
        return true;
    }

    /// <summary>
    /// The grammar admits any algorithm and 32+ hex digits in either case; go-digest then checks
    /// the algorithm is known, the length fits it, and the hex is lower-case (digest.go Validate),
    /// each with its own message.
    /// </summary>
    static bool TryParseDigest(string text, out Digest digest, out string error)
    {
        digest = default;
        int colon = text.IndexOf(':');
        var algorithm = text[..colon];
        var hex = text[(colon + 1)..];
        int? hexLength = algorithm switch { "sha256" => 64, "sha512" => 128, _ => null };
        if (hexLength is null) { error = "unsupported digest algorithm"; return false; }
        if (hex.Length != hexLength) { error = "invalid checksum digest length"; return false; }
        if (!Cais.Images.Digest.TryParse(text, out digest)) { error = "invalid checksum digest format"; return false; }
        error = "";
        return true;
    }
}
