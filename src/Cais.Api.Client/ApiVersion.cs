using System.Globalization;

namespace Cais.Api.Client;

/// <summary>An Engine API version, <c>major.minor</c> (1.47), ordered numerically (1.9 &lt; 1.10).</summary>
public readonly record struct ApiVersion(int Major, int Minor) : IComparable<ApiVersion>
{
    /// <summary>The newest version this client speaks, and what cais advertises.</summary>
    public static ApiVersion ClientMax { get; } = new(1, 47);

    /// <summary>What to assume when a daemon does not say (Docker's client does the same).</summary>
    public static ApiVersion Fallback { get; } = new(1, 24);

    public static ApiVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"invalid API version '{text}' (expected major.minor, e.g. 1.47)");

    public static bool TryParse(string? text, out ApiVersion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var parts = text.Trim().Split('.');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
            return false;
        version = new ApiVersion(major, minor);
        return true;
    }

    public static ApiVersion Min(ApiVersion a, ApiVersion b) => a.CompareTo(b) <= 0 ? a : b;

    public int CompareTo(ApiVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(ApiVersion a, ApiVersion b) => a.CompareTo(b) < 0;

    public static bool operator >(ApiVersion a, ApiVersion b) => a.CompareTo(b) > 0;

    public static bool operator <=(ApiVersion a, ApiVersion b) => a.CompareTo(b) <= 0;

    public static bool operator >=(ApiVersion a, ApiVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Major.ToString(CultureInfo.InvariantCulture)}.{Minor.ToString(CultureInfo.InvariantCulture)}";
}
