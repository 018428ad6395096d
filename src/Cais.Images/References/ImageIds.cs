using System.Diagnostics.CodeAnalysis;

namespace Cais.Images.References;

/// <summary>
/// Image IDs as users type them. An image ID is the digest of the image's config; docker accepts
/// it in full ("sha256:&lt;64 hex&gt;" or the bare 64 hex) or as a unique prefix of at least 4 hex
/// digits, with or without "sha256:" (moby daemon/containerd/image.go, truncatedID).
/// </summary>
/// <remarks>
/// A short prefix such as "abcd" is also a valid repository name. moby tries the string as a
/// reference first and as an ID prefix only when no image has that name; callers should do the
/// same. A full 64-hex ID is never a repository name (<see cref="ImageReference.Parse"/> refuses it).
/// </remarks>
public static class ImageIds
{
    /// <summary>The shortest prefix accepted (moby's truncatedID).</summary>
    public const int MinPrefixLength = 4;

    /// <summary>"sha256:&lt;64 hex&gt;" or 64 bare hex digits: a full image ID.</summary>
    public static bool TryParseFull(string? text, out Digest id)
    {
        id = default;
        if (text is null) return false;
        var m = ReferenceGrammar.TruncatedId().Match(text);
        if (!m.Success || m.Groups[1].Length != 64) return false;
        id = Digest.Sha256(m.Groups[1].Value);
        return true;
    }

    public static bool IsFullId(string? text) => TryParseFull(text, out _);

    /// <summary>
    /// A full ID or a prefix of one; <paramref name="hexPrefix"/> is the hex digits without
    /// "sha256:", to compare against <see cref="Digest.Hex"/>.
    /// </summary>
    public static bool TryParsePrefix(string? text, [NotNullWhen(true)] out string? hexPrefix)
    {
        hexPrefix = null;
        if (text is null) return false;
        var m = ReferenceGrammar.TruncatedId().Match(text);
        if (!m.Success) return false;
        hexPrefix = m.Groups[1].Value;
        return true;
    }

    public static bool IsIdOrPrefix(string? text) => TryParsePrefix(text, out _);
}
