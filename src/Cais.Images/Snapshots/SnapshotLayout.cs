using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Cais.Images.Snapshots;

/// <summary>
/// The names and file formats of the snapshotter's directory, as Docker's overlay2 driver has
/// them (daemon/graphdriver/overlay2/overlay.go), and the pure functions over them.
/// </summary>
/// <remarks>
/// <code>
/// ROOT/layers/&lt;chain id hex&gt;/diff    the layer's content
/// ROOT/layers/&lt;chain id hex&gt;/link    its short name, "ABC...": 26 of [A-Z0-9]
/// ROOT/layers/&lt;chain id hex&gt;/lower   the layers below, top first: "l/DEF...:l/GHI..." (absent for a base layer)
/// ROOT/l/&lt;short name&gt;                → ../layers/&lt;chain id hex&gt;/diff
/// ROOT/containers/&lt;key&gt;/upper, work, merged
/// ROOT/containers/&lt;key&gt;/lower        the container's layers, top first (absent: no image layers)
/// ROOT/containers/&lt;key&gt;/parent       the top layer's chain ID, "sha256:..." (empty: none)
/// ROOT/staging/&lt;random&gt;/             a layer being unpacked, or a directory being created or removed
/// </code>
/// Short names keep mount data small: overlay2 chose 26 characters so that 128 relative
/// "l/NAME" entries fit in a page with room for options (Docker's maxDepth).
/// </remarks>
internal static partial class SnapshotLayout
{
    public const string LinksDir = "l", LayersDir = "layers", ContainersDir = "containers", StagingDir = "staging";
    public const string DiffDir = "diff", LinkFile = "link", LowerFile = "lower", ParentFile = "parent";
    public const string UpperDir = "upper", WorkDir = "work", MergedDir = "merged";

    /// <summary>Docker's idLength.</summary>
    public const int LinkNameLength = 26;

    const string LinkAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    [GeneratedRegex("^[A-Z0-9]{26}$")]
    private static partial Regex LinkName();

    [GeneratedRegex("^[a-f0-9]{64}$")]
    private static partial Regex Sha256Hex();

    // Container ids (64 hex), names with a suffix ("<id>-init"): one path component, no dot start.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex Key();

    /// <summary>A new random short name: 26 uppercase letters and digits.</summary>
    public static string NewLinkName() => RandomNumberGenerator.GetString(LinkAlphabet, LinkNameLength);

    public static bool IsLinkName(string name) => LinkName().IsMatch(name);

    public static bool IsChainIdHex(string name) => Sha256Hex().IsMatch(name);

    public static bool IsValidKey(string key) => Key().IsMatch(key);

    /// <summary>The directory name of a layer: the hex of its sha256 chain ID.</summary>
    public static string HexOf(Digest chainId)
    {
        if (chainId.IsDefault || chainId.Algorithm != "sha256")
            throw new ArgumentException($"chain ID \"{chainId}\": a layer is named by a sha256 digest", nameof(chainId));
        return chainId.Hex;
    }

    /// <summary>"l/NAME": how a lower file names a layer, relative to ROOT.</summary>
    public static string Entry(string linkName) => LinksDir + "/" + linkName;

    /// <summary>
    /// The lower file of a layer (or container) directly on top of the layer with short name
    /// <paramref name="parentLink"/> and lower file <paramref name="parentLower"/>: the parent
    /// first, then everything below it.
    /// </summary>
    public static string LowerAbove(string parentLink, string? parentLower) =>
        string.IsNullOrEmpty(parentLower) ? Entry(parentLink) : Entry(parentLink) + ":" + parentLower;

    /// <summary>The entries of a lower file, top first; empty for none. Malformed content throws.</summary>
    public static IReadOnlyList<string> ParseLower(string? lower)
    {
        if (string.IsNullOrEmpty(lower)) return [];
        var entries = lower.Split(':');
        foreach (var e in entries)
        {
            if (!e.StartsWith(LinksDir + "/", StringComparison.Ordinal) || !IsLinkName(e[(LinksDir.Length + 1)..]))
                throw new InvalidDataException($"lower file entry \"{e}\" is not \"l/\" and a 26-character short name");
        }
        return entries;
    }

    /// <summary>The number of layers a lower file names.</summary>
    public static int Depth(string? lower) => string.IsNullOrEmpty(lower) ? 0 : lower.Count(c => c == ':') + 1;

    /// <summary>The target of the short link for layer <paramref name="hex"/>, relative to ROOT/l.</summary>
    public static string LinkTarget(string hex) => $"../{LayersDir}/{hex}/{DiffDir}";

    /// <summary>The layer hex a short link's target names, or null when it is not one of ours.</summary>
    public static string? HexOfLinkTarget(string? target)
    {
        const string prefix = "../" + LayersDir + "/", suffix = "/" + DiffDir;
        if (target is null || !target.StartsWith(prefix, StringComparison.Ordinal) || !target.EndsWith(suffix, StringComparison.Ordinal))
            return null;
        var hex = target[prefix.Length..^suffix.Length];
        return IsChainIdHex(hex) ? hex : null;
    }
}
