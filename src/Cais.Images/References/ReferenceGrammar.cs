using System.Text.RegularExpressions;

namespace Cais.Images.References;

/// <summary>
/// The reference grammar of distribution/reference (reference.go, regexp.go):
/// <code>
/// reference        := name [ ":" tag ] [ "@" digest ]
/// name             := [domain '/'] remote-name
/// domain           := host [':' port-number]
/// host             := domain-name | IPv4address | \[ IPv6address \]
/// domain-component := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/
/// path-component   := alpha-numeric [separator alpha-numeric]*
/// alpha-numeric    := /[a-z0-9]+/
/// separator        := /[_.]|__|[-]+/
/// tag              := /[\w][\w.-]{0,127}/
/// digest           := algorithm ":" /[0-9a-fA-F]{32,}/
/// </code>
/// Go's \w is ASCII-only, so the tag class is spelled out; .NET's \w would admit Unicode letters.
/// Go's regexp picks the match a backtracking engine would (leftmost-first), as .NET does, so the
/// captures agree.
/// </summary>
static partial class ReferenceGrammar
{
    const string AlphaNumeric = "[a-z0-9]+";
    const string Separator = "(?:[._]|__|[-]+)";
    const string PathComponent = AlphaNumeric + "(?:" + Separator + AlphaNumeric + ")*";
    const string RemoteName = PathComponent + "(?:/" + PathComponent + ")*";
    const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    const string DomainName = DomainComponent + @"(?:\." + DomainComponent + ")*";

    // IPv6 only in brackets, without zone identifiers or IPv4-mapped forms (regexp.go).
    const string Ipv6 = @"\[(?:[a-fA-F0-9:]+)\]";
    const string DomainAndPort = "(?:" + DomainName + "|" + Ipv6 + ")(?::[0-9]+)?";
    const string Name = "(?:" + DomainAndPort + "/)?" + RemoteName;
    const string Tag = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    const string DigestText = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

    /// <summary>Groups: name, tag, digest.</summary>
    [GeneratedRegex("^(" + Name + ")(?::(" + Tag + "))?(?:@(" + DigestText + "))?$", RegexOptions.CultureInvariant)]
    public static partial Regex Reference();

    /// <summary>Groups: domain (may be empty), path.</summary>
    [GeneratedRegex("^(?:(" + DomainAndPort + ")/)?(" + RemoteName + ")$", RegexOptions.CultureInvariant)]
    public static partial Regex AnchoredName();

    [GeneratedRegex("^" + Tag + "$", RegexOptions.CultureInvariant)]
    public static partial Regex AnchoredTag();

    /// <summary>A bare image ID: what ParseNormalizedNamed refuses as a repository name.</summary>
    [GeneratedRegex("^[a-f0-9]{64}$", RegexOptions.CultureInvariant)]
    public static partial Regex Identifier();

    /// <summary>
    /// A full ID or an ID prefix as moby's image service accepts it (daemon/containerd/image.go,
    /// truncatedID): an optional "sha256:" and 4 to 64 lowercase hex digits.
    /// </summary>
    [GeneratedRegex("^(?:sha256:)?([a-f0-9]{4,64})$", RegexOptions.CultureInvariant)]
    public static partial Regex TruncatedId();
}
